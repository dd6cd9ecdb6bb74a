#pragma once

#include "session/EncodingsPreview.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace quantlens {

/// Shown before an encodings or overrides file is written or loaded: what the
/// file holds (format, counts per kind and bitwidth, the text itself) and how
/// it fits the model. A file with names the model lacks cannot be loaded, so
/// the accept button is disabled then.
class EncodingsPreviewDialog : public QDialog
{
  Q_OBJECT

public:
  explicit EncodingsPreviewDialog(const EncodingsPreview& preview, QWidget* parent = nullptr);

  QString summaryText() const;
  QString matchText() const;
  QString previewText() const;
  bool acceptEnabled() const;
  QPushButton* acceptButton() const { return accept_; }

  /// Text beyond this many characters is cut from the preview (not from the file).
  static constexpr int kMaxPreviewCharacters = 200000;
  /// Names listed per problem before "… and N more".
  static constexpr int kMaxListedNames = 20;

private:
  QString buildSummary() const;
  QString buildMatch() const;
  static QString nameList(const std::vector<std::string>& names);

  EncodingsPreview preview_;
  QLabel* summary_;
  QLabel* match_;
  QPlainTextEdit* text_;
  QPushButton* accept_;
};

} // namespace quantlens
