#include "HtmlReport.h"

#include <QBuffer>
#include <QSaveFile>

namespace quantlens {

namespace {

QString heading(const QString& text)
{
  return QStringLiteral("<h2>%1</h2>\n").arg(text.toHtmlEscaped());
}

} // namespace

HtmlReport::HtmlReport(QString title)
  : title_(std::move(title))
{
}

void HtmlReport::addParagraph(const QString& title, const QString& text)
{
  body_ += heading(title) + QStringLiteral("<p>%1</p>\n").arg(text.toHtmlEscaped());
}

void HtmlReport::addTable(const QString& title, const QStringList& header, const std::vector<QStringList>& rows)
{
  body_ += heading(title) + QStringLiteral("<table>\n<tr>");
  for (const QString& cell : header)
    body_ += QStringLiteral("<th>%1</th>").arg(cell.toHtmlEscaped());
  body_ += QStringLiteral("</tr>\n");
  for (const QStringList& row : rows) {
    body_ += QStringLiteral("<tr>");
    for (const QString& cell : row)
      body_ += QStringLiteral("<td>%1</td>").arg(cell.toHtmlEscaped());
    body_ += QStringLiteral("</tr>\n");
  }
  body_ += QStringLiteral("</table>\n");
}

void HtmlReport::addImage(const QString& title, const QImage& image)
{
  body_ += heading(title);
  if (image.isNull()) {
    body_ += QStringLiteral("<p class=\"missing\">(not computed)</p>\n");
    return;
  }
  QByteArray png;
  QBuffer buffer(&png);
  buffer.open(QIODevice::WriteOnly);
  image.save(&buffer, "PNG");
  body_ += QStringLiteral("<img alt=\"%1\" src=\"data:image/png;base64,%2\">\n")
             .arg(title.toHtmlEscaped(), QString::fromLatin1(png.toBase64()));
}

QString HtmlReport::toHtml() const
{
  return QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>\n"
                        "<style>body{font-family:sans-serif;margin:2em;max-width:1200px}"
                        "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}"
                        "td:first-child,th:first-child{text-align:left}img{max-width:100%}"
                        ".missing{color:#888}</style></head>\n<body>\n<h1>%1</h1>\n")
           .arg(title_.toHtmlEscaped()) +
         body_ + QStringLiteral("</body></html>\n");
}

bool HtmlReport::save(const QString& file, QString* error) const
{
  QSaveFile output(file);
  const QByteArray bytes = toHtml().toUtf8();
  if (output.open(QIODevice::WriteOnly) && output.write(bytes) == bytes.size() && output.commit())
    return true;
  if (error)
    *error = QStringLiteral("%1: %2").arg(file, output.errorString());
  return false;
}

} // namespace quantlens
