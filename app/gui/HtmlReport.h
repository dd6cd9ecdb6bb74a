#pragma once

#include <QImage>
#include <QString>
#include <QStringList>

#include <vector>

namespace quantlens {

/// One self-contained HTML file: a title, then sections of text, tables and
/// images (embedded as PNG data URIs, so the file travels alone, e.g. into a
/// review or a ticket).
class HtmlReport
{
public:
  explicit HtmlReport(QString title);

  void addParagraph(const QString& heading, const QString& text);
  /// `rows` of cells under `header`; cells are plain text (escaped here).
  void addTable(const QString& heading, const QStringList& header, const std::vector<QStringList>& rows);
  /// Skipped with a note when the image is null (e.g. a chart never shown).
  void addImage(const QString& heading, const QImage& image);

  QString toHtml() const;
  /// Writes atomically; false with a reason in `error` on failure.
  bool save(const QString& file, QString* error = nullptr) const;

private:
  QString title_;
  QString body_;
};

} // namespace quantlens
