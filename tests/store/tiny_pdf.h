// Small born-digital PDFs written byte by byte for the store and ingest tests: a text layer
// Poppler reads (Helvetica, WinAnsi), English words so the page passes the text-layer
// health check, and no OCR needed. Each call with a different `tag` gives different bytes.
#pragma once

#include <fstream>
#include <string>
#include <vector>

namespace declx::test {

inline std::string tiny_pdf(const std::string& tag, int pages = 1) {
  std::vector<std::string> objects;  // object i+1
  std::string kids;
  const int first_page_object = 4;
  for (int page = 0; page < pages; ++page)
    kids += std::to_string(first_page_object + 2 * page) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
  objects.push_back(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  for (int page = 0; page < pages; ++page) {
    std::string text = "BT /F1 12 Tf 72 770 Td (Test document " + tag + " page " +
                       std::to_string(page + 1) +
                       ") Tj 0 -18 Td (This page has plain English words for the reader of the "
                       "file.) Tj 0 -18 Td (The quick brown fox jumps over the lazy dog again "
                       "and again.) Tj ET";
    int contents = first_page_object + 2 * page + 1;
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R "
        ">> >> /Contents " +
        std::to_string(contents) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(text.size()) + " >>\nstream\n" + text +
                      "\nendstream");
  }
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace declx::test
