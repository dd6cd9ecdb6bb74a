#include "EncodingsPreviewDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace quantlens {

namespace {

QLabel* makeCheckLabel(QWidget* parent, const char* color)
{
  auto* label = new QLabel(parent);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  label->setStyleSheet(QStringLiteral("color: %1").arg(QLatin1String(color)));
  return label;
}

QLabel* makeValueLabel(const QString& text)
{
  auto* label = new QLabel(text);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

int count(std::size_t n)
{
  return static_cast<int>(n);
}

} // namespace

EncodingsPreviewDialog::EncodingsPreviewDialog(const EncodingsPreview& preview, QWidget* parent)
  : QDialog(parent)
  , preview_(preview)
  , summary_(new QFormLayout)
  , unmatched_(makeCheckLabel(this, "#c0392b"))
  , match_(makeCheckLabel(this, preview.matchesExactly() ? "#2a7d2a" : "#a86400"))
  , note_(makeCheckLabel(this, "#a86400"))
  , text_(new QPlainTextEdit(this))
{
  text_->setReadOnly(true);
  text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  text_->setLineWrapMode(QPlainTextEdit::NoWrap);
  showText();

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  accept_ = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
  accept_->setEnabled(preview.canProceed());
  // Enter must not land on a disabled button.
  (preview.canProceed() ? accept_ : buttons->button(QDialogButtonBox::Cancel))->setDefault(true);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(summary_);
  layout->addWidget(unmatched_);
  layout->addWidget(match_);
  layout->addWidget(note_);
  layout->addWidget(text_, 1);
  layout->addWidget(buttons);
  resize(760, 560);
  retranslateUi();
}

bool EncodingsPreviewDialog::exporting() const
{
  return preview_.direction == EncodingsPreview::Direction::Export;
}

void EncodingsPreviewDialog::showText()
{
  QString text = QString::fromStdString(preview_.text);
  if (text.size() > kMaxPreviewCharacters) {
    // A QPlainTextEdit with megabytes of JSON makes the dialog slow to open; the file keeps all of it.
    hiddenCharacters_ = static_cast<int>(text.size()) - kMaxPreviewCharacters;
    text.truncate(kMaxPreviewCharacters);
  }
  text_->setPlainText(text);
}

QString EncodingsPreviewDialog::subjectText() const
{
  return preview_.subject.empty() ? tr("not given") : QString::fromStdString(preview_.subject);
}

QString EncodingsPreviewDialog::entriesText() const
{
  return tr("%n activation quantizer(s)", nullptr, count(preview_.activationEntries)) + QStringLiteral(" · ") +
         tr("%n parameter quantizer(s)", nullptr, count(preview_.parameterEntries));
}

QString EncodingsPreviewDialog::bitwidthsText() const
{
  QStringList bits;
  for (const auto& [bitwidth, quantizers] : preview_.bitwidths)
    bits << tr("%1 bit: %2").arg(bitwidth).arg(quantizers);
  return bits.isEmpty() ? tr("none") : bits.join(QStringLiteral(" · "));
}

void EncodingsPreviewDialog::fillSummary()
{
  while (summary_->rowCount() > 0)
    summary_->removeRow(0);
  summary_->addRow(tr("File:"), makeValueLabel(QDir::toNativeSeparators(QString::fromStdString(preview_.file))));
  summary_->addRow(tr("Format:"), makeValueLabel(QString::fromStdString(preview_.format)));
  summary_->addRow(exporting() ? tr("Variant:") : tr("Based on:"), makeValueLabel(subjectText()));
  summary_->addRow(tr("Entries:"), makeValueLabel(entriesText()));
  summary_->addRow(tr("Bitwidths:"), makeValueLabel(bitwidthsText()));
}

QString EncodingsPreviewDialog::nameList(const std::vector<std::string>& names)
{
  QStringList listed;
  for (std::size_t i = 0; i < names.size() && i < static_cast<std::size_t>(kMaxListedNames); ++i)
    listed << QString::fromStdString(names[i]);
  QString text = listed.join(QStringLiteral(", "));
  if (names.size() > static_cast<std::size_t>(kMaxListedNames))
    text += tr(" … and %n more", nullptr, count(names.size()) - kMaxListedNames);
  return text;
}

QString EncodingsPreviewDialog::matchedText() const
{
  return tr("Matches the %n enabled quantizer(s) exactly.", nullptr,
            count(preview_.activationEntries + preview_.parameterEntries));
}

QString EncodingsPreviewDialog::missingText() const
{
  const int n = count(preview_.missing.size());
  const QString what = exporting() ? tr("%n enabled quantizer(s) without an encoding (not in the file): %1", nullptr, n)
                                   : tr("%n quantizer(s) the file leaves out (they will be disabled): %1", nullptr, n);
  return what.arg(nameList(preview_.missing));
}

QString EncodingsPreviewDialog::unmatchedText() const
{
  const int n = count(preview_.unmatched.size());
  const QString what =
    exporting() ? tr("%n name(s) the model does not have, so the file could not be loaded back: %1", nullptr, n)
                : tr("%n name(s) the model does not have, so the file cannot be loaded: %1", nullptr, n);
  return what.arg(nameList(preview_.unmatched));
}

void EncodingsPreviewDialog::showMatch()
{
  unmatched_->setText(preview_.unmatched.empty() ? QString() : unmatchedText());
  unmatched_->setVisible(!preview_.unmatched.empty());
  QString check;
  if (preview_.matchesExactly())
    check = matchedText();
  else if (!preview_.missing.empty())
    check = missingText();
  match_->setText(check);
  match_->setVisible(!check.isEmpty());
}

QString EncodingsPreviewDialog::summaryText() const
{
  QStringList lines;
  for (int row = 0; row < summary_->rowCount(); ++row) {
    const auto* label = qobject_cast<QLabel*>(summary_->itemAt(row, QFormLayout::LabelRole)->widget());
    const auto* value = qobject_cast<QLabel*>(summary_->itemAt(row, QFormLayout::FieldRole)->widget());
    lines << label->text() + QLatin1Char(' ') + value->text();
  }
  return lines.join(QLatin1Char('\n'));
}

QString EncodingsPreviewDialog::matchText() const
{
  QStringList lines;
  for (const QLabel* label : {unmatched_, match_})
    if (!label->text().isEmpty())
      lines << label->text();
  return lines.join(QLatin1Char('\n'));
}

QString EncodingsPreviewDialog::previewText() const
{
  return text_->toPlainText();
}

QString EncodingsPreviewDialog::truncationNote() const
{
  return note_->text();
}

bool EncodingsPreviewDialog::acceptEnabled() const
{
  return accept_->isEnabled();
}

void EncodingsPreviewDialog::changeEvent(QEvent* event)
{
  if (event->type() == QEvent::LanguageChange)
    retranslateUi();
  QDialog::changeEvent(event);
}

void EncodingsPreviewDialog::retranslateUi()
{
  setWindowTitle(exporting() ? tr("Export Preview") : tr("Import Preview"));
  fillSummary();
  showMatch();
  const QLocale locale;
  note_->setText(hiddenCharacters_ == 0
                   ? QString()
                   : tr("Showing the first %1 characters; %2 more are not shown, but the file holds them all.")
                       .arg(locale.toString(kMaxPreviewCharacters), locale.toString(hiddenCharacters_)));
  note_->setVisible(hiddenCharacters_ > 0);
  accept_->setText(exporting() ? tr("Write") : tr("Load as Custom"));
  accept_->setToolTip(preview_.canProceed() ? QString() : tr("The file names quantizers the model does not have."));
}

} // namespace quantlens
