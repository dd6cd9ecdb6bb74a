#include "EncodingsPreviewDialog.h"

#include <QLocale>
#include <QPushButton>
#include <QTest>

using namespace quantlens;

namespace {

EncodingsPreview exportPreview()
{
  EncodingsPreview preview;
  preview.direction = EncodingsPreview::Direction::Export;
  preview.file = "/tmp/out/custom.encodings";
  preview.format = "AIMET encodings 1.0.0";
  preview.subject = "Custom";
  preview.text = "{\n  \"version\": \"1.0.0\"\n}\n";
  preview.activationEntries = 36;
  preview.parameterEntries = 43;
  preview.bitwidths = {{16, 3}, {4, 36}, {8, 40}};
  return preview;
}

std::vector<std::string> names(const char* prefix, int n)
{
  std::vector<std::string> result;
  for (int i = 0; i < n; ++i)
    result.push_back(prefix + std::to_string(i));
  return result;
}

} // namespace

class EncodingsPreviewDialogTest : public QObject
{
  Q_OBJECT

private slots:
  // Numbers without group separators, whatever the machine's locale. The
  // texts keep their "(s)": plural forms come from the app's English
  // translation, which tests do not load.
  void initTestCase() { QLocale::setDefault(QLocale::c()); }

  void summaryGivesFileFormatCountsAndBitwidths()
  {
    const EncodingsPreviewDialog dialog(exportPreview());
    const QString expected = QStringLiteral("File: /tmp/out/custom.encodings\n"
                                            "Format: AIMET encodings 1.0.0\n"
                                            "Variant: Custom\n"
                                            "Entries: 36 activation quantizer(s) · 43 parameter quantizer(s)\n"
                                            "Bitwidths: 4 bit: 36 · 8 bit: 40 · 16 bit: 3");
    QCOMPARE(dialog.summaryText(), expected);
    QCOMPARE(dialog.acceptButton()->text(), QStringLiteral("Write"));
  }

  void importSaysWhatTheFileIsBasedOn()
  {
    EncodingsPreview preview = exportPreview();
    preview.direction = EncodingsPreview::Direction::Import;
    preview.format = "QuantLens overrides";
    preview.subject = "";
    preview.activationEntries = 1;
    preview.parameterEntries = 0;
    preview.bitwidths.clear();
    const EncodingsPreviewDialog dialog(preview);
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("Based on: not given")), qPrintable(dialog.summaryText()));
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("1 activation quantizer(s) · 0 parameter quantizer(s)")),
             qPrintable(dialog.summaryText()));
    QVERIFY2(dialog.summaryText().endsWith(QStringLiteral("Bitwidths: none")), qPrintable(dialog.summaryText()));
    QCOMPARE(dialog.acceptButton()->text(), QStringLiteral("Load as Custom"));
  }

  void exactMatchIsSaidAndAccepted()
  {
    const EncodingsPreviewDialog dialog(exportPreview());
    QCOMPARE(dialog.matchText(), QStringLiteral("Matches the 79 enabled quantizer(s) exactly."));
    QVERIFY(dialog.acceptEnabled());
    QVERIFY(dialog.acceptButton()->isDefault());
  }

  void missingNamesAreListed()
  {
    EncodingsPreview preview = exportPreview();
    preview.missing = {"head.output_quantizers[0]", "logits.input_quantizers[0]"};
    const EncodingsPreviewDialog exporting(preview);
    QCOMPARE(exporting.matchText(), QStringLiteral("2 enabled quantizer(s) without an encoding (not in the file): "
                                                   "head.output_quantizers[0], logits.input_quantizers[0]"));
    QVERIFY(exporting.acceptEnabled());

    preview.direction = EncodingsPreview::Direction::Import;
    preview.missing.resize(1);
    const EncodingsPreviewDialog importing(preview);
    QCOMPARE(importing.matchText(), QStringLiteral("1 quantizer(s) the file leaves out (they will be disabled): "
                                                   "head.output_quantizers[0]"));
    QVERIFY(importing.acceptEnabled());
  }

  void unmatchedNamesDisableAccept()
  {
    EncodingsPreview preview = exportPreview();
    preview.direction = EncodingsPreview::Direction::Import;
    preview.unmatched = {"renamed.conv.weight"};
    preview.missing = {"conv.weight"};
    const EncodingsPreviewDialog dialog(preview);
    QVERIFY(!dialog.acceptEnabled());
    QVERIFY(!dialog.acceptButton()->isDefault());
    QVERIFY(!dialog.acceptButton()->toolTip().isEmpty());
    const QStringList lines = dialog.matchText().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0), QStringLiteral("1 name(s) the model does not have, so the file cannot be loaded: "
                                         "renamed.conv.weight"));
    QVERIFY2(lines.at(1).endsWith(QStringLiteral(": conv.weight")), qPrintable(lines.at(1)));
  }

  void longListsAreCut()
  {
    EncodingsPreview preview = exportPreview();
    preview.direction = EncodingsPreview::Direction::Import;
    preview.unmatched = names("layer", 25);
    const EncodingsPreviewDialog dialog(preview);
    const QString text = dialog.matchText();
    QVERIFY2(text.startsWith(QStringLiteral("25 name(s) the model does not have")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("layer19")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("layer20")), qPrintable(text));
    QVERIFY2(text.endsWith(QStringLiteral("layer19 … and 5 more")), qPrintable(text));
    QCOMPARE(text.count(QStringLiteral("layer")), EncodingsPreviewDialog::kMaxListedNames);

    // Exactly the limit: every name, no "more".
    preview.unmatched = names("layer", EncodingsPreviewDialog::kMaxListedNames);
    const EncodingsPreviewDialog atLimit(preview);
    QVERIFY2(atLimit.matchText().endsWith(QStringLiteral("layer19")), qPrintable(atLimit.matchText()));
  }

  void previewShowsTheText()
  {
    const EncodingsPreview preview = exportPreview();
    const EncodingsPreviewDialog dialog(preview);
    QCOMPARE(dialog.previewText(), QString::fromStdString(preview.text));
    QVERIFY(dialog.truncationNote().isEmpty());
  }

  void hugeTextIsCutWithANote()
  {
    EncodingsPreview preview = exportPreview();
    const std::size_t size = EncodingsPreviewDialog::kMaxPreviewCharacters + 12345;
    preview.text.clear();
    for (std::size_t i = 0; i < size; ++i)
      preview.text.push_back(i % 64 == 63 ? '\n' : static_cast<char>('a' + i % 26));
    const EncodingsPreviewDialog dialog(preview);
    const QString expected = QString::fromStdString(preview.text.substr(0, EncodingsPreviewDialog::kMaxPreviewCharacters));
    QCOMPARE(dialog.previewText().size(), qsizetype{EncodingsPreviewDialog::kMaxPreviewCharacters});
    QVERIFY(dialog.previewText() == expected);
    QVERIFY2(dialog.truncationNote().contains(QStringLiteral("12345 more")), qPrintable(dialog.truncationNote()));
  }
};

QTEST_MAIN(EncodingsPreviewDialogTest)
#include "EncodingsPreviewDialogTest.moc"
