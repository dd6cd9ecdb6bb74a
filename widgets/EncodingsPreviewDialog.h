#pragma once

#include "session/EncodingsPreview.h"

#include <QDialog>

class QFormLayout;
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

  /// The facts about the file, one "Label: value" line each, as shown.
  QString summaryText() const;
  /// The match check as shown: the names the model lacks first, then the missing ones.
  QString matchText() const;
  /// The text shown, which is the file's text up to kMaxPreviewCharacters.
  QString previewText() const;
  /// Says how much of the text is not shown; empty when all of it is.
  QString truncationNote() const;
  bool acceptEnabled() const;
  QPushButton* acceptButton() const { return accept_; }

  /// Text beyond this many characters is cut from the preview (not from the file).
  static constexpr int kMaxPreviewCharacters = 200000;
  /// Names listed per problem before "… and N more".
  static constexpr int kMaxListedNames = 20;

protected:
  void changeEvent(QEvent* event) override;

private:
  bool exporting() const;
  void fillSummary();
  void showText();
  void showMatch();
  QString subjectText() const;
  QString entriesText() const;
  QString bitwidthsText() const;
  QString matchedText() const;
  QString missingText() const;
  QString unmatchedText() const;
  static QString nameList(const std::vector<std::string>& names);
  void retranslateUi();

  EncodingsPreview preview_;
  int hiddenCharacters_ = 0;
  QFormLayout* summary_;
  QLabel* unmatched_;
  QLabel* match_;
  QLabel* note_;
  QPlainTextEdit* text_;
  QPushButton* accept_;
};

} // namespace quantlens
