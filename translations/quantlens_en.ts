<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="+55"/>
        <source>Inspect quantized perception models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the SemanticKITTI sequence &lt;dir&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show scan &lt;n&gt; first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the synthetic demo sequence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the window to &lt;file&gt; once the first scan is drawn, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quantlens::ClassHistogramPlot</name>
    <message>
        <location filename="../widgets/ClassHistogramPlot.cpp" line="+68"/>
        <source>points</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quantlens::EngineWorker</name>
    <message>
        <location filename="../app/gui/EngineWorker.cpp" line="+42"/>
        <source>Canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unexpected error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Opening sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No sequence is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Generating the demo sequence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quantlens::MainWindow</name>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="+163"/>
        <source>Open SemanticKITTI Sequence (the folder holding velodyne/)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 — QuantLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Opened %n scan(s)</source>
        <translation>
            <numerusform>Opened %n scan</numerusform>
            <numerusform>Opened %n scans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Scan %1: %n point(s)</source>
        <translation>
            <numerusform>Scan %1: %n point</numerusform>
            <numerusform>Scan %1: %n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> (%n with NaN/inf coordinates, not shown)</source>
        <translation>
            <numerusform> (%n with NaN/inf coordinates, not shown)</numerusform>
            <numerusform> (%n with NaN/inf coordinates, not shown)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+60"/>
        <source>QuantLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-41"/>
        <source>About QuantLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;QuantLens %1&lt;/h3&gt;&lt;p&gt;Inspect what quantization does to perception models: FP32 and simulated W8A8 / W4A8 side by side on LiDAR scans.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Sequence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a SemanticKITTI sequence folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the synthetic demo sequence (generated on first use)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reset Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About QuantLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the running operation (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quantlens::ScanNavigator</name>
    <message>
        <location filename="../widgets/ScanNavigator.cpp" line="+146"/>
        <source>Previous scan (B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next scan (N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play through the sequence (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>of %n scan(s)</source>
        <translation>
            <numerusform>of %n scan</numerusform>
            <numerusform>of %n scans</numerusform>
        </translation>
    </message>
</context>
</TS>
