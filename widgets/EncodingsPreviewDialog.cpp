#include "EncodingsPreviewDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace quantlens {

EncodingsPreviewDialog::EncodingsPreviewDialog(const EncodingsPreview& preview, QWidget* parent)
  : QDialog(parent)
  , preview_(preview)
  , summary_(new QLabel(this))
  , match_(new QLabel(this))
  , text_(new QPlainTextEdit(this))
{
  const bool exporting = preview.direction == EncodingsPreview::Direction::Export;
  setWindowTitle(exporting ? tr("Export Encodings") : tr("Open Encodings"));
  summary_->setText(buildSummary());
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  match_->setText(buildMatch());
  match_->setWordWrap(true);
  match_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  match_->setStyleSheet(preview.matchesExactly() ? QStringLiteral("color: #2a7d2a")
                                                 : (preview.canProceed() ? QStringLiteral("color: #a86400")
                                                                         : QStringLiteral("color: #c0392b")));
  text_->setReadOnly(true);
  text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  text_->setLineWrapMode(QPlainTextEdit::NoWrap);
  QString text = QString::fromStdString(preview.text);
  if (text.size() > kMaxPreviewCharacters)
    text = text.left(kMaxPreviewCharacters) +
           tr("\n… (%1 more characters not shown; the file holds them all)").arg(text.size() - kMaxPreviewCharacters);
  text_->setPlainText(text);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  accept_ = buttons->addButton(exporting ? tr("Write") : tr("Load as Custom"), QDialogButtonBox::AcceptRole);
  accept_->setEnabled(preview.canProceed());
  accept_->setDefault(true);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(summary_);
  layout->addWidget(match_);
  layout->addWidget(text_, 1);
  layout->addWidget(buttons);
  resize(760, 560);
}

QString EncodingsPreviewDialog::buildSummary() const
{
  QStringList bits;
  for (const auto& [bitwidth, count] : preview_.bitwidths)
    bits << tr("%1 bit: %2").arg(bitwidth).arg(count);
  QStringList lines;
  lines << QDir::toNativeSeparators(QString::fromStdString(preview_.file));
  lines << tr("%1 · %2").arg(QString::fromStdString(preview_.format), QString::fromStdString(preview_.subject));
  lines << tr("%n activation entry(ies)", nullptr, static_cast<int>(preview_.activationEntries)) +
             QStringLiteral(" · ") +
             tr("%n parameter entry(ies)", nullptr, static_cast<int>(preview_.parameterEntries));
  if (!bits.isEmpty())
    lines << bits.join(QStringLiteral(" · "));
  return lines.join(QLatin1Char('\n'));
}

QString EncodingsPreviewDialog::nameList(const std::vector<std::string>& names)
{
  QStringList listed;
  for (std::size_t i = 0; i < names.size() && i < static_cast<std::size_t>(kMaxListedNames); ++i)
    listed << QString::fromStdString(names[i]);
  QString text = listed.join(QStringLiteral(", "));
  if (names.size() > static_cast<std::size_t>(kMaxListedNames))
    text += tr(" … and %n more", nullptr, static_cast<int>(names.size()) - kMaxListedNames);
  return text;
}

QString EncodingsPreviewDialog::buildMatch() const
{
  const auto entries = static_cast<int>(preview_.activationEntries + preview_.parameterEntries);
  if (preview_.matchesExactly())
    return tr("Matches the %n enabled quantizer(s) exactly.", nullptr, entries);
  QStringList problems;
  if (!preview_.unmatched.empty())
    problems << tr("%n name(s) the model does not have (loading is refused): %1", nullptr,
                   static_cast<int>(preview_.unmatched.size()))
                  .arg(nameList(preview_.unmatched));
  if (!preview_.missing.empty()) {
    const QString what = preview_.direction == EncodingsPreview::Direction::Export
                           ? tr("%n enabled quantizer(s) without an encoding: %1", nullptr,
                                static_cast<int>(preview_.missing.size()))
                           : tr("%n enabled quantizer(s) the file leaves out (they will not be quantized): %1",
                                nullptr, static_cast<int>(preview_.missing.size()));
    problems << what.arg(nameList(preview_.missing));
  }
  return problems.join(QLatin1Char('\n'));
}

QString EncodingsPreviewDialog::summaryText() const
{
  return summary_->text();
}

QString EncodingsPreviewDialog::matchText() const
{
  return match_->text();
}

QString EncodingsPreviewDialog::previewText() const
{
  return text_->toPlainText();
}

bool EncodingsPreviewDialog::acceptEnabled() const
{
  return accept_->isEnabled();
}

} // namespace quantlens
