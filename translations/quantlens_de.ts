<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ChartExport</name>
    <message>
        <location filename="../widgets/ChartExport.cpp" line="+36"/>
        <source>Cannot export the chart to %1: the file name must end in .png or .pdf.</source>
        <translation>Das Diagramm kann nicht nach %1 exportiert werden: Der Dateiname muss auf .png oder .pdf enden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not write the chart to %1: check that the folder exists and is writable.</source>
        <translation>Das Diagramm konnte nicht nach %1 geschrieben werden: Prüfen Sie, ob der Ordner existiert und beschreibbar ist.</translation>
    </message>
</context>
<context>
    <name>QuantizerCellText</name>
    <message>
        <location filename="../widgets/QuantizerCellText.cpp" line="+39"/>
        <source>input</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>output</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>fp%1</source>
        <translation>fp%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 … %2</source>
        <translation>%1 … %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="+70"/>
        <source>Inspect quantized perception models.</source>
        <translation>Quantisierte Wahrnehmungsmodelle untersuchen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the SemanticKITTI sequence &lt;dir&gt;.</source>
        <translation>Die SemanticKITTI-Sequenz &lt;dir&gt; öffnen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the TorchScript model &lt;file&gt;.</source>
        <translation>Das TorchScript-Modell &lt;file&gt; öffnen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare with the AIMET encodings or override &lt;file&gt; as the Custom variant.</source>
        <translation>Mit den AIMET-Kodierungen oder Überschreibungen aus &lt;file&gt; als Custom-Variante vergleichen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show scan &lt;n&gt; first.</source>
        <translation>Zuerst Scan &lt;n&gt; anzeigen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the demo model on the synthetic demo sequence.</source>
        <translation>Das Demo-Modell auf der synthetischen Demo-Sequenz öffnen.</translation>
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
    <name>quantlens::ClassIouChart</name>
    <message>
        <location filename="../widgets/ClassIouChart.cpp" line="+171"/>
        <source>%1 (mIoU %2%)</source>
        <translation>%1 (mIoU %2%)</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Per-class IoU, accumulated over %n scan(s)</source>
        <translation>
            <numerusform>IoU pro Klasse, kumuliert über %n Scan</numerusform>
            <numerusform>IoU pro Klasse, kumuliert über %n Scans</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-class IoU, this scan</source>
        <translation>IoU pro Klasse, dieser Scan</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>IoU (%)</source>
        <translation>IoU (%)</translation>
    </message>
</context>
<context>
    <name>quantlens::EncodingsPreviewDialog</name>
    <message>
        <location filename="../widgets/EncodingsPreviewDialog.cpp" line="+92"/>
        <source>not given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n activation quantizer(s)</source>
        <translation>
            <numerusform>%n Aktivierungsquantisierer</numerusform>
            <numerusform>%n Aktivierungsquantisierer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n parameter quantizer(s)</source>
        <translation>
            <numerusform>%n Parameterquantisierer</numerusform>
            <numerusform>%n Parameterquantisierer</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variant:</source>
        <translation>Variante:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Based on:</source>
        <translation>Basiert auf:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entries:</source>
        <translation>Einträge:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bitwidths:</source>
        <translation>Bitbreiten:</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%n enabled quantizer(s) without an encoding (not in the file): %1</source>
        <translation>
            <numerusform>%n aktivierter Quantisierer ohne Encoding (nicht in der Datei): %1</numerusform>
            <numerusform>%n aktivierte Quantisierer ohne Encoding (nicht in der Datei): %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n quantizer(s) the file leaves out (they will be disabled): %1</source>
        <translation>
            <numerusform>%n Quantisierer fehlt in der Datei (er wird deaktiviert): %1</numerusform>
            <numerusform>%n Quantisierer fehlen in der Datei (sie werden deaktiviert): %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n name(s) the model does not have, so the file could not be loaded back: %1</source>
        <translation>
            <numerusform>%n Name, den das Modell nicht hat, daher ließe sich die Datei nicht wieder laden: %1</numerusform>
            <numerusform>%n Namen, die das Modell nicht hat, daher ließe sich die Datei nicht wieder laden: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n name(s) the model does not have, so the file cannot be loaded: %1</source>
        <translation>
            <numerusform>%n Name, den das Modell nicht hat, daher kann die Datei nicht geladen werden: %1</numerusform>
            <numerusform>%n Namen, die das Modell nicht hat, daher kann die Datei nicht geladen werden: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Export Preview</source>
        <translation>Exportvorschau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import Preview</source>
        <translation>Importvorschau</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Showing the first %1 characters; %2 more are not shown, but the file holds them all.</source>
        <translation>Die ersten %1 Zeichen werden gezeigt; %2 weitere nicht, die Datei enthält sie aber alle.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Load as Custom</source>
        <translation>Als Custom laden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file names quantizers the model does not have.</source>
        <translation>Die Datei nennt Quantisierer, die das Modell nicht hat.</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>%1 bit: %2</source>
        <translation>%1 Bit: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source> … and %n more</source>
        <translation>
            <numerusform> … und %n weiterer</numerusform>
            <numerusform> … und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Matches the %n enabled quantizer(s) exactly.</source>
        <translation>
            <numerusform>Passt genau zum %n aktivierten Quantisierer.</numerusform>
            <numerusform>Passt genau zu den %n aktivierten Quantisierern.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>quantlens::EngineWorker</name>
    <message>
        <location filename="../app/gui/EngineWorker.cpp" line="+57"/>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+74"/>
        <source>Unexpected error: %1</source>
        <translation>Unerwarteter Fehler: %1</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Opening sequence</source>
        <translation>Sequenz wird geöffnet</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Opening model</source>
        <translation>Modell wird geöffnet</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Scan %1: %2</source>
        <translation>Scan %1: %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Preparing the demo</source>
        <translation>Demo wird vorbereitet</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Loading custom variant</source>
        <translation>Custom-Variante wird geladen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Setting the custom variant</source>
        <translation>Custom-Variante wird festgelegt</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Per-layer sensitivity</source>
        <translation>Sensitivität pro Schicht</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Evaluating</source>
        <translation>Auswertung läuft</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Quantizer histogram</source>
        <translation>Quantisierer-Histogramm</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+15"/>
        <source>Exporting encodings</source>
        <translation>Kodierungen werden exportiert</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Preparing the export</source>
        <translation>Export wird vorbereitet</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Reading %1</source>
        <translation>Lese %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Switching %1</source>
        <translation>Schalte %1 um</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mixed precision</source>
        <translation>Gemischte Präzision</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saving the session</source>
        <translation>Sitzung wird gespeichert</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Opening the session</source>
        <translation>Sitzung wird geöffnet</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>editor: %n edit(s) vs %1</source>
        <translation>
            <numerusform>Editor: %n Änderung gegenüber %1</numerusform>
            <numerusform>Editor: %n Änderungen gegenüber %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cached results not used: %1</source>
        <translation>Gespeicherte Ergebnisse nicht verwendet: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Cached results restored: %n scan(s)</source>
        <translation>
            <numerusform>Gespeicherte Ergebnisse wiederhergestellt: %n Scan</numerusform>
            <numerusform>Gespeicherte Ergebnisse wiederhergestellt: %n Scans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n evaluation(s)</source>
        <translation>
            <numerusform>, %n Auswertung</numerusform>
            <numerusform>, %n Auswertungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n sensitivity sweep(s)</source>
        <translation>
            <numerusform>, %n Sensitivitätsanalyse</numerusform>
            <numerusform>, %n Sensitivitätsanalysen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n mixed-precision search(es)</source>
        <translation>
            <numerusform>, %n Suche nach gemischter Präzision</numerusform>
            <numerusform>, %n Suchen nach gemischter Präzision</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>quantlens::MainWindow</name>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="+465"/>
        <source>Open SemanticKITTI Sequence (the folder holding velodyne/)</source>
        <translation>SemanticKITTI-Sequenz öffnen (der Ordner, der velodyne/ enthält)</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>%1 — QuantLens</source>
        <translation>%1 — QuantLens</translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>Opened %n scan(s)</source>
        <translation>
            <numerusform>%n Scan geöffnet</numerusform>
            <numerusform>%n Scans geöffnet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+138"/>
        <source> (%n with NaN/inf coordinates, not shown)</source>
        <translation>
            <numerusform> (davon %n mit NaN/Inf-Koordinaten, nicht angezeigt)</numerusform>
            <numerusform> (davon %n mit NaN/Inf-Koordinaten, nicht angezeigt)</numerusform>
        </translation>
    </message>
    <message>
        <location line="-218"/>
        <location line="+52"/>
        <location line="+113"/>
        <location line="+208"/>
        <location line="+25"/>
        <location line="+73"/>
        <location line="+47"/>
        <location line="+156"/>
        <source>QuantLens</source>
        <translation>QuantLens</translation>
    </message>
    <message>
        <location line="-768"/>
        <location line="+605"/>
        <location line="+243"/>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <location line="-775"/>
        <source>Open TorchScript Model</source>
        <translation>TorchScript-Modell öffnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TorchScript models (*.pt *.pth *.ts);;All files (*)</source>
        <translation>TorchScript-Modelle (*.pt *.pth *.ts);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open Encodings or Overrides</source>
        <translation>Kodierungen oder Überschreibungen öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AIMET encodings or QuantLens overrides (*.json *.encodings);;All files (*)</source>
        <translation>AIMET-Kodierungen oder QuantLens-Überschreibungen (*.json *.encodings);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sequence</source>
        <translation>Sequenz</translation>
    </message>
    <message numerus="yes">
        <location line="+63"/>
        <source>Model %1: %n quantizer(s), variants %2</source>
        <translation>
            <numerusform>Modell %1: %n Quantisierer, Varianten %2</numerusform>
            <numerusform>Modell %1: %n Quantisierer, Varianten %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Variants: %1</source>
        <translation>Varianten: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom variant: %1</source>
        <translation>Custom-Variante: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+93"/>
        <source>Scan %1 (%2): %n point(s)</source>
        <translation>
            <numerusform>Scan %1 (%2): %n Punkt</numerusform>
            <numerusform>Scan %1 (%2): %n Punkte</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source> · Custom: %1</source>
        <translation> · Custom: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Range (m)</source>
        <translation>Entfernung (m)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Range (input)</source>
        <translation>Entfernung (Eingabe)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>x (input)</source>
        <translation>x (Eingabe)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>y (input)</source>
        <translation>y (Eingabe)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>z (input)</source>
        <translation>z (Eingabe)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remission (input)</source>
        <translation>Remission (Eingabe)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ground truth</source>
        <translation>Ground Truth</translation>
    </message>
    <message numerus="yes">
        <location line="+104"/>
        <source>editor: %n edit(s) vs %1</source>
        <translation>
            <numerusform>Editor: %n Änderung gegenüber %1</numerusform>
            <numerusform>Editor: %n Änderungen gegenüber %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+25"/>
        <location line="+276"/>
        <source>Open a model and a sequence first.</source>
        <translation>Bitte zuerst ein Modell und eine Sequenz öffnen.</translation>
    </message>
    <message>
        <location line="-674"/>
        <location line="+471"/>
        <location line="+47"/>
        <source>Open a model first.</source>
        <translation>Bitte zuerst ein Modell öffnen.</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Export W4A8 Encodings</source>
        <translation>W4A8-Kodierungen exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export Custom Encodings</source>
        <translation>Custom-Kodierungen exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AIMET encodings 0.6.1 (*.encodings *.json);;AIMET encodings 1.0.0 (*.json)</source>
        <translation>AIMET-Kodierungen 0.6.1 (*.encodings *.json);;AIMET-Kodierungen 1.0.0 (*.json)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>QuantLens editor, %1</source>
        <translation>QuantLens-Editor, %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Save Overrides</source>
        <translation>Überschreibungen speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>QuantLens overrides (*.json)</source>
        <translation>QuantLens-Überschreibungen (*.json)</translation>
    </message>
    <message>
        <location line="-623"/>
        <source>Saved session %1</source>
        <translation>Sitzung %1 gespeichert</translation>
    </message>
    <message>
        <location line="+679"/>
        <source>Opened session %1</source>
        <translation>Sitzung %1 geöffnet</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+3"/>
        <source>Session edits</source>
        <translation>Änderungen aus der Sitzung</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>scan %1 (the one on screen)</source>
        <translation>Scan %1 (der angezeigte)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>mIoU</source>
        <translation>mIoU</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>agreement</source>
        <translation>Übereinstimmung</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Editor: mixed-precision step %1 (%n layer(s) at %2 bit)</source>
        <translation>
            <numerusform>Editor: Schritt %1 der gemischten Präzision (%n Schicht mit %2 Bit)</numerusform>
            <numerusform>Editor: Schritt %1 der gemischten Präzision (%n Schichten mit %2 Bit)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>scan %1</source>
        <translation>Scan %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QuantLens report: %1</source>
        <translation>QuantLens-Bericht: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was inspected</source>
        <translation>Was untersucht wurde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model %1; sequence %2; Custom: %3.</source>
        <translation>Modell %1; Sequenz %2; Custom: %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3D views</source>
        <translation>3D-Ansichten</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scan metrics</source>
        <translation>Scan-Metriken</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Per-class IoU</source>
        <translation>IoU pro Klasse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-layer sensitivity</source>
        <translation>Sensitivität pro Schicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quantizer histogram</source>
        <translation>Quantisierer-Histogramm</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Write Report</source>
        <translation>Bericht schreiben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save Session</source>
        <translation>Sitzung speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>QuantLens sessions (*.qlens)</source>
        <translation>QuantLens-Sitzungen (*.qlens)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open Session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>QuantLens sessions (*.qlens);;All files (*)</source>
        <translation>QuantLens-Sitzungen (*.qlens);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export Chart…</source>
        <translation>Diagramm exportieren…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export Chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>About QuantLens</source>
        <translation>Über QuantLens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;QuantLens %1&lt;/h3&gt;&lt;p&gt;Inspect what quantization does to perception models: FP32 and simulated W8A8 / W4A8 side by side on LiDAR scans.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QuantLens %1&lt;/h3&gt;&lt;p&gt;Untersuchen Sie, was Quantisierung mit Wahrnehmungsmodellen macht: FP32 und simuliertes W8A8 / W4A8 nebeneinander auf LiDAR-Scans.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+49"/>
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
        <source>&amp;Color By</source>
        <translation>&amp;Einfärben nach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Analysis</source>
        <translation>A&amp;nalyse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-Layer &amp;Sensitivity (W4A8, This Scan)</source>
        <translation>&amp;Sensitivität pro Schicht (W4A8, dieser Scan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantize one layer at a time and rank the layers by the damage they do</source>
        <translation>Jeweils eine Schicht quantisieren und die Schichten nach dem Schaden ordnen, den sie anrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-Layer Sensitivity, &amp;All but One Layer (W4A8, This Scan)</source>
        <translation>Sensitivität pro Schicht, alle &amp;bis auf eine Schicht (W4A8, dieser Scan)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quantize everything but one layer and rank the layers by what keeping them in FP32 recovers</source>
        <translation>Alles bis auf eine Schicht quantisieren und die Schichten danach ordnen, wie viel es bringt, sie in FP32 zu lassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write &amp;Report…</source>
        <translation>Be&amp;richt schreiben…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One HTML file with the views, the scan&apos;s metrics and the charts</source>
        <translation>Eine HTML-Datei mit den Ansichten, den Metriken des Scans und den Diagrammen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mixed Precision…</source>
        <translation>&amp;Gemischte Präzision…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search which layers to keep at higher precision, with its BitOps / score curve</source>
        <translation>Suchen, welche Schichten mit höherer Präzision bleiben sollen, mit der BitOps-/Bewertungskurve</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide &amp;Layer Effect</source>
        <translation>&amp;Schichteffekt ausblenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the view of what the clicked layer changes</source>
        <translation>Die Ansicht entfernen, die zeigt, was die angeklickte Schicht ändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Evaluate Sequence</source>
        <translation>Sequenz &amp;auswerten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-class IoU of every variant over all scans, like the SemanticKITTI evaluator</source>
        <translation>IoU pro Klasse für jede Variante über alle Scans, wie der SemanticKITTI-Evaluator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport Encodings…</source>
        <translation>Kodierungen e&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the Custom (or W4A8) encodings as an AIMET encodings file</source>
        <translation>Die Custom- (oder W4A8-)Kodierungen als AIMET-Kodierungsdatei schreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Sess&amp;ion…</source>
        <translation>Sitzung ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a saved QuantLens session (.qlens)</source>
        <translation>Eine gespeicherte QuantLens-Sitzung (.qlens) öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save Sessio&amp;n…</source>
        <translation>Sitzung speic&amp;hern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the model, sequence, scan, edits and view as a .qlens session</source>
        <translation>Modell, Sequenz, Scan, Änderungen und Ansicht als .qlens-Sitzung speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;Overrides…</source>
        <translation>Überschreibungen s&amp;peichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the quantizer editor&apos;s changes as a QuantLens override file</source>
        <translation>Die Änderungen des Quantisierer-Editors als QuantLens-Überschreibungsdatei schreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Model…</source>
        <translation>&amp;Modell öffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a TorchScript model (with its .json sidecar)</source>
        <translation>Ein TorchScript-Modell öffnen (mit seiner .json-Begleitdatei)</translation>
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
        <source>Open &amp;Encodings…</source>
        <translation>&amp;Kodierungen öffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open AIMET encodings or a QuantLens override file as the Custom variant</source>
        <translation>AIMET-Kodierungen oder eine QuantLens-Überschreibungsdatei als Custom-Variante öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove Custom Variant</source>
        <translation>Custom-Variante &amp;entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Demo</source>
        <translation>&amp;Demo öffnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reset Camera</source>
        <translation>Kamera &amp;zurücksetzen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;About QuantLens</source>
        <translation>Ü&amp;ber QuantLens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+6"/>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Open the demo model on the synthetic demo sequence (generated on first use)</source>
        <translation>Das Demo-Modell auf der synthetischen Demo-Sequenz öffnen (wird beim ersten Aufruf erzeugt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;KNN Post-Processing</source>
        <translation>K&amp;NN-Nachbearbeitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clean per-point predictions with RangeNet++&apos;s KNN vote</source>
        <translation>Punktweise Vorhersagen mit der KNN-Abstimmung von RangeNet++ bereinigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Errors vs Ground Truth</source>
        <translation>Fehler gegenüber Ground Truth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changes vs FP32</source>
        <translation>Änderungen gegenüber FP32</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Range</source>
        <translation>Entfernung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remission</source>
        <translation>Remission</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scan Metrics</source>
        <translation>Scan-Metriken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Picked Point</source>
        <translation>Ausgewählter Punkt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Legend</source>
        <translation>Legende</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Range Image</source>
        <translation>Entfernungsbild</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantizers</source>
        <translation>Quantisierer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sensitivity</source>
        <translation>Sensitivität</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Per-Class IoU</source>
        <translation>IoU pro Klasse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantizer Histogram</source>
        <translation>Quantisierer-Histogramm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mixed Precision</source>
        <translation>Gemischte Präzision</translation>
    </message>
    <message>
        <location line="+3"/>
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
    <name>quantlens::MixedPrecisionChart</name>
    <message>
        <location filename="../widgets/MixedPrecisionChart.cpp" line="+235"/>
        <source>Step 0: %1 as it is</source>
        <translation>Schritt 0: %1 unverändert</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 GBitOps (%2 % of FP32)</source>
        <translation>%1 GBitOps (%2 % von FP32)</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>%1 %2 % (drop %3 points)</source>
        <translation>%1 %2 % (Verlust %3 Punkte)</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Step %1: +%2</source>
        <translation>Schritt %1: +%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step %1: +%2 at %3 bit</source>
        <translation>Schritt %1: +%2 mit %3 Bit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 %2 % (%3 points above FP32)</source>
        <translation>%1 %2 % (%3 Punkte über FP32)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Chosen: the cheapest step within the budget</source>
        <translation>Gewählt: der günstigste Schritt innerhalb des Budgets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chosen: the best score, as no step is within the budget</source>
        <translation>Gewählt: die beste Bewertung, da kein Schritt im Budget liegt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On the Pareto curve</source>
        <translation>Auf der Pareto-Kurve</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dominated: a step with no more BitOps scores at least as well</source>
        <translation>Dominiert: ein Schritt mit nicht mehr BitOps bewertet mindestens so gut</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Mixed precision: run Analysis → Mixed Precision…</source>
        <translation>Gemischte Präzision: Analyse → Gemischte Präzision… ausführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cheapest within the budget: step %1</source>
        <translation>günstigster im Budget: Schritt %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>budget not met, best is step %1</source>
        <translation>Budget nicht eingehalten, am besten ist Schritt %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Mixed precision from %1: %n promotion(s), %2</source>
        <translation>
            <numerusform>Gemischte Präzision ab %1: %n Hochstufung, %2</numerusform>
            <numerusform>Gemischte Präzision ab %1: %n Hochstufungen, %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Greedy path</source>
        <translation>Gieriger Pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chosen step</source>
        <translation>Gewählter Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FP32: %1 %</source>
        <translation>FP32: %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Budget: %1 points below FP32</source>
        <translation>Budget: %1 Punkte unter FP32</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>BitOps (% of FP32)</source>
        <translation>BitOps (% von FP32)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score (%)</source>
        <translation>Bewertung (%)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (%)</source>
        <translation>%1 (%)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pareto curve</source>
        <translation>Pareto-Kurve</translation>
    </message>
</context>
<context>
    <name>quantlens::MixedPrecisionDialog</name>
    <message>
        <location filename="../app/gui/MixedPrecisionDialog.cpp" line="+22"/>
        <source>Mixed Precision</source>
        <translation>Gemischte Präzision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promote the most sensitive layers of %1, one at a time, until the score is within the allowed drop of FP32&apos;s. Each step is a point of the BitOps / score curve; click one to put its recipe into the editor.</source>
        <translation>Die empfindlichsten Schichten von %1 nacheinander hochstufen, bis die Bewertung innerhalb des erlaubten Verlusts gegenüber FP32 liegt. Jeder Schritt ist ein Punkt der BitOps-/Bewertungskurve; ein Klick darauf übernimmt sein Rezept in den Editor.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Agreement with FP32 (per pixel)</source>
        <translation>Übereinstimmung mit FP32 (pro Pixel)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mIoU against the labels (per point)</source>
        <translation>mIoU gegenüber den Labels (pro Punkt)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> points</source>
        <translation> Punkte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>16 bit</source>
        <translation>16 Bit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>8 bit</source>
        <translation>8 Bit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scans:</source>
        <translation>Scans:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score:</source>
        <translation>Bewertung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allowed drop:</source>
        <translation>Erlaubter Verlust:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promote layers to:</source>
        <translation>Schichten hochstufen auf:</translation>
    </message>
</context>
<context>
    <name>quantlens::MixedPrecisionRecipe</name>
    <message>
        <location filename="../app/gui/MixedPrecisionRecipe.cpp" line="+39"/>
        <source>Mixed precision: step %1</source>
        <translation>Gemischte Präzision: Schritt %1</translation>
    </message>
</context>
<context>
    <name>quantlens::PointInfoPanel</name>
    <message>
        <location filename="../widgets/PointInfoPanel.cpp" line="+56"/>
        <source>Click a point in a 3D view</source>
        <translation>Klicken Sie auf einen Punkt in einer 3D-Ansicht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Point %1</source>
        <translation>Punkt %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x, y, z: %1, %2, %3 m</source>
        <translation>x, y, z: %1, %2, %3 m</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Range: %1 m</source>
        <translation>Entfernung: %1 m</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remission: %1</source>
        <translation>Remission: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ground truth</source>
        <translation>Ground Truth</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>quantlens::QuantizerBitwidthDelegate</name>
    <message>
        <location filename="../widgets/QuantizerBitwidthDelegate.cpp" line="+13"/>
        <source> bit</source>
        <translation> Bit</translation>
    </message>
</context>
<context>
    <name>quantlens::QuantizerEditor</name>
    <message>
        <location filename="../widgets/QuantizerEditor.cpp" line="+53"/>
        <source>Filter by name, e.g. downCntx.*</source>
        <translation>Nach Name filtern, z. B. downCntx.*</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All Kinds</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Inputs</source>
        <translation>Eingänge</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outputs</source>
        <translation>Ausgänge</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Set Bitwidth…</source>
        <translation>Bitbreite festlegen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set the bitwidth of the selected quantizers</source>
        <translation>Die Bitbreite der ausgewählten Quantisierer festlegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep at 16 Bit</source>
        <translation>Bei 16 Bit belassen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantize the selected quantizers to 16 bit</source>
        <translation>Die ausgewählten Quantisierer auf 16 Bit quantisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Leave the selected tensors in floating point</source>
        <translation>Die ausgewählten Tensoren als Gleitkommazahlen belassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantize the selected tensors</source>
        <translation>Die ausgewählten Tensoren quantisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset to Preset</source>
        <translation>Auf Voreinstellung zurücksetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the selected quantizers, or all when none is selected, back to the preset</source>
        <translation>Die ausgewählten Quantisierer (oder alle, wenn keiner ausgewählt ist) auf die Voreinstellung zurücksetzen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message numerus="yes">
        <location line="+98"/>
        <source>Set %n quantizer(s) to %1 bit</source>
        <translation>
            <numerusform>%n Quantisierer auf %1 Bit setzen</numerusform>
            <numerusform>%n Quantisierer auf %1 Bit setzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Keep %n quantizer(s) at 16 bit</source>
        <translation>
            <numerusform>%n Quantisierer bei 16 Bit belassen</numerusform>
            <numerusform>%n Quantisierer bei 16 Bit belassen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Enable %n quantizer(s)</source>
        <translation>
            <numerusform>%n Quantisierer aktivieren</numerusform>
            <numerusform>%n Quantisierer aktivieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Disable %n quantizer(s)</source>
        <translation>
            <numerusform>%n Quantisierer deaktivieren</numerusform>
            <numerusform>%n Quantisierer deaktivieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Reset %n quantizer(s) to the preset</source>
        <translation>
            <numerusform>%n Quantisierer auf die Voreinstellung zurücksetzen</numerusform>
            <numerusform>%n Quantisierer auf die Voreinstellung zurücksetzen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Set Bitwidth</source>
        <translation>Bitbreite festlegen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Bitwidth of the %n selected quantizer(s):</source>
        <translation>
            <numerusform>Bitbreite für %n ausgewählten Quantisierer:</numerusform>
            <numerusform>Bitbreite für %n ausgewählte Quantisierer:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n edit(s) vs %1</source>
        <translation>
            <numerusform>%n Änderung gegenüber %1</numerusform>
            <numerusform>%n Änderungen gegenüber %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>quantlens::QuantizerHistogramChart</name>
    <message>
        <location filename="../widgets/QuantizerHistogramChart.cpp" line="+229"/>
        <source>Quantizer</source>
        <translation>Quantisierer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: no calibration statistics</source>
        <translation>%1: keine Kalibrierungsstatistik</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: no encoding</source>
        <translation>%1: keine Kodierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: float encoding, nothing clipped</source>
        <translation>%1: Gleitkomma-Kodierung, nichts abgeschnitten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2-bit [%3, %4], %5% of values clipped</source>
        <translation>%1: %2 Bit [%3, %4], %5% der Werte abgeschnitten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>in range</source>
        <translation>im Bereich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clipped</source>
        <translation>abgeschnitten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>share of values</source>
        <translation>Anteil der Werte</translation>
    </message>
</context>
<context>
    <name>quantlens::QuantizerTreeModel</name>
    <message>
        <location filename="../widgets/QuantizerTreeModel.cpp" line="+297"/>
        <source>Enable %1</source>
        <translation>%1 aktivieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disable %1</source>
        <translation>%1 deaktivieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Make %1 symmetric</source>
        <translation>%1 symmetrisch machen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Make %1 asymmetric</source>
        <translation>%1 asymmetrisch machen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Set %1 to %2 bit</source>
        <translation>%1 auf %2 Bit setzen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Op</source>
        <translation>Op</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AIMET Name</source>
        <translation>AIMET-Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bits</source>
        <translation>Bits</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Symmetric</source>
        <translation>Symmetrisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per Channel</source>
        <translation>Pro Kanal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scale</source>
        <translation>Skalierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offset</source>
        <translation>Offset</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sensitivity</source>
        <translation>Sensitivität</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Preset: %1</source>
        <translation>Voreinstellung: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>AIMET&apos;s prepared model has no quantizer here: QuantLens writes it as %1</source>
        <translation>AIMETs vorbereitetes Modell hat hier keinen Quantisierer: QuantLens schreibt ihn als %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>AIMET&apos;s name: %1</source>
        <translation>Name bei AIMET: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AIMET&apos;s name: %1 (aimet_torch 1.26 and earlier), %2 (1.27 and later)</source>
        <translation>Name bei AIMET: %1 (aimet_torch 1.26 und früher), %2 (ab 1.27)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <location line="+213"/>
        <source>enabled</source>
        <translation>aktiviert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>symmetric</source>
        <translation>symmetrisch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>asymmetric</source>
        <translation>asymmetrisch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>per channel</source>
        <translation>pro Kanal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>per tensor</source>
        <translation>pro Tensor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>computed from calibration</source>
        <translation>aus der Kalibrierung berechnet</translation>
    </message>
</context>
<context>
    <name>quantlens::RangeImageView</name>
    <message>
        <location filename="../widgets/RangeImageView.cpp" line="+227"/>
        <source>no return</source>
        <translation>kein Echo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Row %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No range image</source>
        <translation>Kein Entfernungsbild</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hover over the image to read a pixel</source>
        <translation>Zeigen Sie auf das Bild, um ein Pixel abzulesen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (class %2)</source>
        <translation>%1 (Klasse %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Range image layer</source>
        <translation>Ebene des Entfernungsbilds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colors from the layer&apos;s smallest to its largest value</source>
        <translation>Farben vom kleinsten bis zum größten Wert der Ebene</translation>
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
<context>
    <name>quantlens::SensitivityChart</name>
    <message>
        <location filename="../widgets/SensitivityChart.cpp" line="+99"/>
        <source>%1
sensitivity: %2 pp
agreement with FP32: %3%</source>
        <translation>%1
Sensitivität: %2 Prozentpunkte
Übereinstimmung mit FP32: %3%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mIoU: %1%</source>
        <translation>mIoU: %1%</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Layer sensitivity</source>
        <translation>Schichtsensitivität</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only this layer quantized: mIoU lost (FP32 mIoU %1%)</source>
        <translation>Nur diese Schicht quantisiert: mIoU-Verlust (FP32-mIoU %1%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All but this layer quantized: mIoU recovered (all quantized: %1%)</source>
        <translation>Alle Schichten außer dieser quantisiert: zurückgewonnene mIoU (alle quantisiert: %1%)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only this layer quantized: argmax disagreement with FP32</source>
        <translation>Nur diese Schicht quantisiert: Argmax-Abweichung von FP32</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All but this layer quantized: agreement recovered (all quantized: %1%)</source>
        <translation>Alle Schichten außer dieser quantisiert: zurückgewonnene Übereinstimmung (alle quantisiert: %1%)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sensitivity (percentage points)</source>
        <translation>Sensitivität (Prozentpunkte)</translation>
    </message>
</context>
<context>
    <name>quantlens::SidecarDialog</name>
    <message>
        <location filename="../app/gui/SidecarDialog.cpp" line="+56"/>
        <source>Clean predictions with KNN (RangeNet++ post-processing)</source>
        <translation>Vorhersagen mit KNN bereinigen (Nachbearbeitung von RangeNet++)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as %1 beside the model</source>
        <translation>Als %1 neben dem Modell speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model Input — %1</source>
        <translation>Modelleingabe — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;%1&lt;/b&gt; has no sidecar file. Enter how its input is made; the defaults are SemanticKITTI&apos;s HDL-64E projection and RangeNet++&apos;s normalization.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; hat keine Begleitdatei. Geben Sie an, wie seine Eingabe erzeugt wird; vorgegeben sind die HDL-64E-Projektion von SemanticKITTI und die Normalisierung von RangeNet++.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Range image height (rows):</source>
        <translation>Höhe des Entfernungsbilds (Zeilen):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Range image width (columns):</source>
        <translation>Breite des Entfernungsbilds (Spalten):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field of view up (°):</source>
        <translation>Sichtfeld nach oben (°):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field of view down (°):</source>
        <translation>Sichtfeld nach unten (°):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel means (range, x, y, z, remission):</source>
        <translation>Kanalmittelwerte (Entfernung, x, y, z, Remission):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel stds:</source>
        <translation>Kanal-Standardabweichungen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classes:</source>
        <translation>Klassen:</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>These values</source>
        <translation>Diese Werte</translation>
    </message>
</context>
<context>
    <name>quantlens::VariantMetricsTable</name>
    <message>
        <location filename="../widgets/VariantMetricsTable.cpp" line="+50"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cached</source>
        <translation>zwischengespeichert</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mIoU</source>
        <translation>mIoU</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changed vs FP32</source>
        <translation>Geändert gegenüber FP32</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean IoU over the classes present in this scan</source>
        <translation>Mittlere IoU über die in diesem Scan vorkommenden Klassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points whose class differs from FP32&apos;s</source>
        <translation>Punkte, deren Klasse von der in FP32 abweicht</translation>
    </message>
</context>
<context>
    <name>quantlens::ViewColoring</name>
    <message>
        <location filename="../app/gui/ViewColoring.cpp" line="+60"/>
        <source>Only %1 in %2</source>
        <translation>Nur %1 in %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 with %2 in FP32</source>
        <translation>%1 mit %2 in FP32</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Ground truth</source>
        <translation>Ground Truth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 points</source>
        <translation>%1 Punkte</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>mIoU %1%</source>
        <translation>mIoU %1%</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>%1 wrong (%2%)</source>
        <translation>%1 falsch (%2%)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 changed vs %2 (%3%)</source>
        <translation>%1 geändert gegenüber %2 (%3%)</translation>
    </message>
</context>
<context>
    <name>quantlens::ViewOptionsBar</name>
    <message>
        <location filename="../app/gui/ViewOptionsBar.cpp" line="+104"/>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> Color: </source>
        <translation> Farbe: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors vs ground truth</source>
        <translation>Fehler gegenüber Ground Truth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes vs FP32</source>
        <translation>Änderungen gegenüber FP32</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Range</source>
        <translation>Entfernung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remission</source>
        <translation>Remission</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the point colors show (Ctrl+1…5)</source>
        <translation>Was die Punktfarben zeigen (Strg+1…5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide Unchanged</source>
        <translation>Unveränderte ausblenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the diff modes show only wrong or changed points (H)</source>
        <translation>In den Vergleichsmodi nur falsche oder geänderte Punkte anzeigen (H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> Point size: </source>
        <translation> Punktgröße: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync Cameras</source>
        <translation>Kameras koppeln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move all views together</source>
        <translation>Alle Ansichten gemeinsam bewegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Driver&apos;s view from behind the sensor (1)</source>
        <translation>Fahrerperspektive hinter dem Sensor (1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top</source>
        <translation>Oben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bird&apos;s-eye view (2)</source>
        <translation>Vogelperspektive (2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Side view (3)</source>
        <translation>Seitenansicht (3)</translation>
    </message>
</context>
</TS>
