// Re-reading weak boxes: when the page pass of OCR left a box of patterns/reread.tsv empty or
// unreadable (a weight read as ",", a country code as "a о °"), its region is OCR'd again on
// its own through ExtractOptions::reread_region, and a reading that holds what the box must
// hold better replaces the box's words. The new words carry `reread`; fields read from them record
// the re-reading in their repairs.
#pragma once

#include "extractors/fill.h"

namespace declx {

// Before the layout: text OCR's page pass dropped as a whole (Tesseract's page segmentation
// takes a noisy band of a fax for an image: a broker printout lost twelve lines, "гр. 14
// Декларант" to "гр. 22", between two lines read well). Every gap between the words of an
// OCR'd page taller than four word heights is read again across the page, at most four per
// page; words read there at 0.6 or more, two at least and 0.75 on average, are added to the
// page as a block of their own. Returns how many bands gave words. Does nothing without
// options.reread_region or on text-layer pages.
int recover_lost_bands(Page& page, const ExtractOptions& options);

// Runs after the labels are placed (read or inferred) and before the fields are read: once
// for the header boxes (item_boxes false: boxes of item_grid.tsv are left for later, since
// the goods-item captions are not all placed yet), then once more with item_boxes true. A
// box is read again at most once. Does nothing without options.reread_region or on
// text-layer pages.
void reread_weak_boxes(ExtractContext& context, bool item_boxes);

// Boxes marked `latin` in reread.tsv (the parties, 2/8/14): a word read in Cyrillic between
// Latin words of a Latin line ("HANGZHOU НАТОТАМ DISTRICT") is read again with its neighbours,
// and the second reading replaces it when it is one Latin word there ("HAIDIAN"). Country
// names stay. Runs before the parties are read; each replacement is noted in
// context.rereads, and attach_reread_notes copies the notes into the repairs of the party
// names and addresses holding those words.
void reread_cyrillic_amid_latin(ExtractContext& context);
// Party boxes (2/8/14): a line after the first read as specks (mean word confidence under
// 0.5: "deg an:" for "STREET 50", the end of an address under a stamp) is read again on its
// own, across the box, and replaced by a reading at 0.75 or more. Noted like the above.
void reread_garbled_party_lines(ExtractContext& context);
void attach_reread_notes(ExtractContext& context);

// Exposed for tests: how well `text` holds what a box with this check must hold. 2: a clean
// reading; 1: a reading that needed OCR repairs or left alternatives ("СМ": CN or CM);
// 0: none. A box below 2 is read again; the new reading replaces it only if it scores higher.
int box_reading_quality(const PatternData& patterns, PatternData::RereadBox::Check check,
                        const std::string& text);

}  // namespace declx
