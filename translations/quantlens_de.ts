<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="+55"/>
        <source>Inspect quantized perception models.</source>
        <translation>Quantisierte Wahrnehmungsmodelle untersuchen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the SemanticKITTI sequence &lt;dir&gt;.</source>
        <translation>Die SemanticKITTI-Sequenz &lt;dir&gt; öffnen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show scan &lt;n&gt; first.</source>
        <translation>Zuerst Scan &lt;n&gt; anzeigen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the synthetic demo sequence.</source>
        <translation>Die synthetische Demo-Sequenz öffnen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the window to &lt;file&gt; once the first scan is drawn, then quit.</source>
        <translation>Das Fenster in &lt;file&gt; speichern, sobald der erste Scan gezeichnet ist, und dann beenden.</translation>
    </message>
</context>
<context>
    <name>quantlens::ClassHistogramPlot</name>
    <message>
        <location filename="../widgets/ClassHistogramPlot.cpp" line="+68"/>
        <source>points</source>
        <translation>Punkte</translation>
    </message>
</context>
<context>
    <name>quantlens::EngineWorker</name>
    <message>
        <location filename="../app/gui/EngineWorker.cpp" line="+42"/>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unexpected error: %1</source>
        <translation>Unerwarteter Fehler: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Opening sequence</source>
        <translation>Sequenz wird geöffnet</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No sequence is open.</source>
        <translation>Es ist keine Sequenz geöffnet.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Generating the demo sequence</source>
        <translation>Demo-Sequenz wird erzeugt</translation>
    </message>
</context>
<context>
    <name>quantlens::MainWindow</name>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="+163"/>
        <source>Open SemanticKITTI Sequence (the folder holding velodyne/)</source>
        <translation>SemanticKITTI-Sequenz öffnen (der Ordner, der velodyne/ enthält)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 — QuantLens</source>
        <translation>%1 — QuantLens</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Opened %n scan(s)</source>
        <translation>
            <numerusform>%n Scan geöffnet</numerusform>
            <numerusform>%n Scans geöffnet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Scan %1: %n point(s)</source>
        <translation>
            <numerusform>Scan %1: %n Punkt</numerusform>
            <numerusform>Scan %1: %n Punkte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> (%n with NaN/inf coordinates, not shown)</source>
        <translation>
            <numerusform> (davon %n mit NaN/Inf-Koordinaten, nicht angezeigt)</numerusform>
            <numerusform> (davon %n mit NaN/Inf-Koordinaten, nicht angezeigt)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+60"/>
        <source>QuantLens</source>
        <translation>QuantLens</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>About QuantLens</source>
        <translation>Über QuantLens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;QuantLens %1&lt;/h3&gt;&lt;p&gt;Inspect what quantization does to perception models: FP32 and simulated W8A8 / W4A8 side by side on LiDAR scans.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QuantLens %1&lt;/h3&gt;&lt;p&gt;Untersuchen Sie, was Quantisierung mit Wahrnehmungsmodellen macht: FP32 und simuliertes W8A8 / W4A8 nebeneinander auf LiDAR-Scans.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Sequence…</source>
        <translation>&amp;Sequenz öffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a SemanticKITTI sequence folder</source>
        <translation>Einen SemanticKITTI-Sequenzordner öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Demo</source>
        <translation>&amp;Demo öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the synthetic demo sequence (generated on first use)</source>
        <translation>Die synthetische Demo-Sequenz öffnen (wird beim ersten Mal erzeugt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reset Camera</source>
        <translation>Kamera &amp;zurücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About QuantLens</source>
        <translation>Ü&amp;ber QuantLens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the running operation (Esc)</source>
        <translation>Laufenden Vorgang abbrechen (Esc)</translation>
    </message>
</context>
<context>
    <name>quantlens::ScanNavigator</name>
    <message>
        <location filename="../widgets/ScanNavigator.cpp" line="+146"/>
        <source>Previous scan (B)</source>
        <translation>Vorheriger Scan (B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next scan (N)</source>
        <translation>Nächster Scan (N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play through the sequence (Space)</source>
        <translation>Sequenz abspielen (Leertaste)</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>of %n scan(s)</source>
        <translation>
            <numerusform>von %n Scan</numerusform>
            <numerusform>von %n Scans</numerusform>
        </translation>
    </message>
</context>
</TS>
