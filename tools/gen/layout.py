"""Draws a declaration (content.make_document) as a born-digital PDF with reportlab.

Three layouts: "official" (the ruled ДТ1/ДТ2 grid), "dense" (the same boxes with other
proportions and smaller type) and "broker" (a broker-software printout with inline
"гр. N Label:" lines).  Every string drawn is also recorded (page, position, font, size),
so render.py can build a broken text layer at exactly the same places.
"""

import os

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

from content import COUNTRY_RU, fmt_date, fmt_hs, fmt_number

PAGE_W, PAGE_H = 210 * mm, 297 * mm

FONT_FILES = {
    "PTSans": "/usr/share/fonts/truetype/paratype/PTS55F.ttf",
    "PTSans-Bold": "/usr/share/fonts/truetype/paratype/PTS75F.ttf",
    "PTSansNarrow": "/usr/share/fonts/truetype/paratype/PTN57F.ttf",
    "PTSerif": "/usr/share/fonts/truetype/paratype/PTF55F.ttf",
    "PTMono": "/usr/share/fonts/truetype/paratype/PTM55F.ttf",
    "LiberationSans": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "LiberationSans-Bold": "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "LiberationSansNarrow": "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf",
    "LiberationSerif": "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "LiberationMono": "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
    "DejaVuSans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVuSans-Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "DejaVuSansCondensed": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
    "DejaVuSansMono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
}
_registered = set()


def register_fonts():
    for name, path in FONT_FILES.items():
        if name not in _registered and os.path.exists(path):
            pdfmetrics.registerFont(TTFont(name, path))
            _registered.add(name)


# Caption fonts (small labels) and value fonts per layout family
CAPTION_FONTS = [("PTSans", "PTSans-Bold"), ("LiberationSans", "LiberationSans-Bold"), ("DejaVuSans", "DejaVuSans-Bold")]
VALUE_FONTS = ["PTSans", "PTSerif", "LiberationSans", "LiberationSerif", "DejaVuSansCondensed", "LiberationSansNarrow",
               "PTSansNarrow", "PTMono", "LiberationMono"]
MONO_FONTS = ["PTMono", "LiberationMono", "DejaVuSansMono"]

LABELS = {
    "1": "ДЕКЛАРАЦИЯ", "2": "Отправитель/Экспортер", "3": "Формы", "4": "Отгруз. спец.", "5": "Всего т-ов",
    "6": "Всего мест", "7": "Справочный номер", "8": "Получатель",
    "9": "Лицо, ответственное за финансовое урегулирование", "10": "Страна первого назнач.",
    "11": "Торг. страна", "12": "Общая таможенная стоимость", "13": "", "14": "Декларант",
    "15": "Страна отправления", "15a": "Код страны отпр.", "17a": "Код страны назнач.",
    "16": "Страна происхождения", "17": "Страна назначения",
    "18": "Идентификация и страна регистрации трансп. средства при отправлении/прибытии", "19": "Конт.",
    "20": "Условия поставки", "21": "Идентификация и страна регистрации активного трансп. средства на границе",
    "22": "Валюта и общая сумма по счету", "23": "Курс валюты", "24": "Характер сделки",
    "25": "Вид транспорта на границе", "26": "Вид транспорта внутри страны", "27": "Место погрузки/разгрузки",
    "28": "Финансовые и банковские сведения", "29": "Орган въезда/выезда", "30": "Местонахождение товаров",
    "31": "Грузовые места и описание товаров", "32": "Товар", "33": "Код товара", "34": "Код страны происх.",
    "35": "Вес брутто (кг)", "36": "Преференция", "37": "Процедура", "38": "Вес нетто (кг)", "39": "Квота",
    "40": "Общая декларация/Предшествующий документ", "41": "Дополнит. единицы", "42": "Цена товара",
    "43": "Код МОС", "44": "Дополнит. информация/Представл. документы", "45": "Таможенная стоимость",
    "46": "Статистическая стоимость", "47": "Исчисление платежей", "48": "Отсрочка платежей",
    "49": "Реквизиты склада", "B": "ПОДРОБНОСТИ ПОДСЧЕТА", "54": "Место и дата", "A": "", "C": "",
}


# Space variants a font may lack: drawn as a glyph-less box ("tofu") they would print
# something no real printout shows and OCR reads as junk, so fall back to a space the font has.
_SPACE_FALLBACKS = {"\u202f": ("\u00a0", " "), "\u2009": ("\u00a0", " "), "\u00a0": (" ",)}


def printable(s, font):
    """s with characters the font has no glyph for replaced by a fallback it has."""
    glyphs = pdfmetrics.getFont(font).face.charToGlyph
    out = []
    for ch in s:
        if ord(ch) not in glyphs and ch in _SPACE_FALLBACKS:
            ch = next((alt for alt in _SPACE_FALLBACKS[ch] if alt == " " or ord(alt) in glyphs), " ")
        out.append(ch)
    return "".join(out)


class Drawer:
    """Thin wrapper over a reportlab canvas that records every string it draws."""

    def __init__(self, path):
        register_fonts()
        self.canvas = rl_canvas.Canvas(path, pagesize=(PAGE_W, PAGE_H), pageCompression=1, invariant=1)
        self.canvas.setCreator("declx tools/gen")
        self.page = 0
        self.records = []  # (page, x_pt, y_pt baseline from bottom, font, size, text)
        self.overflows = []  # (page, box, mm): values that did not fit their box even at the smallest type

    def text(self, x_mm, y_mm, s, font, size):
        """Baseline at y_mm measured from the top of the page."""
        if not s:
            return
        x, y = x_mm * mm, PAGE_H - y_mm * mm
        s = printable(s, font)
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, y, s)
        self.records.append((self.page, x, y, font, size, s))

    def width_mm(self, s, font, size):
        return pdfmetrics.stringWidth(s, font, size) / mm

    def rect(self, x, y, w, h, width=0.6):
        self.canvas.setLineWidth(width)
        self.canvas.rect(x * mm, PAGE_H - (y + h) * mm, w * mm, h * mm, stroke=1, fill=0)

    def line(self, x0, y0, x1, y1, width=0.5):
        self.canvas.setLineWidth(width)
        self.canvas.line(x0 * mm, PAGE_H - y0 * mm, x1 * mm, PAGE_H - y1 * mm)

    def show_page(self):
        self.canvas.showPage()
        self.page += 1

    def save(self):
        self.canvas.save()


def wrap_words(d, text, font, size, width):
    lines, current = [], ""
    for word in text.split(" "):
        candidate = word if not current else current + " " + word
        if d.width_mm(candidate, font, size) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    # words longer than the box are cut
    out = []
    for line in lines:
        out.extend(wrap_chars(d, line, font, size, width) if d.width_mm(line, font, size) > width else [line])
    return out


def wrap_chars(d, text, font, size, width):
    """Customs print style: fill the line to the edge and break the word wherever it falls."""
    lines, current = [], ""
    for ch in text:
        if current and d.width_mm(current + ch, font, size) > width:
            lines.append(current)
            current = "" if ch == " " else ch
        else:
            current += ch
    if current:
        lines.append(current)
    return lines


# ---------------------------------------------------------------------------
# Value text of each box


def num(doc, value, decimals):
    return fmt_number(value, decimals, doc["styles"]["number"])


def party_lines(doc, party):
    lines = [party["name"]]
    if party.get("inn"):
        if doc["styles"]["party_ids"] == "numero":
            lines.append("№ %s / %s" % (party["inn"], party["kpp"]))
        else:
            lines.append("ИНН/КПП %s/%s" % (party["inn"], party["kpp"]))
    lines.append(party["address"])
    if party.get("ogrn"):
        lines.append(("№ %s" if doc["styles"]["party_ids"] == "numero" else "ОГРН %s") % party["ogrn"])
    return lines


def box31_lines(doc, item):
    lines = ["1) " + item["description"]]
    lines.append("ПРОИЗВОДИТЕЛЬ: %s" % item["maker"])
    lines.append("ТОВ.ЗНАК: %s, МОДЕЛЬ: %s, АРТИКУЛ: %s" % (item["brand"], item["model"], item["model"].split("-")[0]))
    lines.append("КОЛ-ВО: %s %s (%s)" % (item["qty"], item["unit"], item["unit_code"]))
    lines.append("2) %d %s-%d" % (item["packages"], item["package_kind"], item["packages"]))
    return lines


def header_values(doc):
    t = doc["truth"]
    payments = [
        ("1010", num(doc, 30000 if doc["total_customs_value"] > 10e6 else 8530, 2), "", num(doc, 8530, 2)),
        ("2010", num(doc, doc["total_customs_value"], 2), "0%", num(doc, 0, 2)),
        ("5010", num(doc, doc["total_customs_value"], 2), "20%", num(doc, doc["total_customs_value"] * 0.2, 2)),
    ]
    broker = doc["broker"]
    v = {
        "A": [doc["reg_number"]],
        "1": ["ИМ", "40", "ЭД"],
        "2": [t["consignor"]["name"], t["consignor"]["address"]],
        "3": ["1", str(t["pages"])],
        "5": [str(t["items_declared"])],
        "6": [str(doc["packages"])],
        "7": ["%s/%s" % (doc["reg_number"].split("/")[0][:5], doc["reg_date"].strftime("%d%m%y"))],
        "8": party_lines(doc, t["consignee"]),
        "9": ["СМ. ГРАФУ 14"] if doc["box9_ref"] else party_lines(doc, t["consignee"]),
        "11": [t["country_dispatch"]],
        "12": [num(doc, doc["total_customs_value"], 2)],
        "14": [doc["declarant_ref"]] if doc["declarant_ref"] else party_lines(doc, t["declarant"]),
        "15": [COUNTRY_RU[t["country_dispatch"]]],
        "15a": [t["country_dispatch"]],
        "16": [doc["origin_name"]],
        "17": ["РОССИЯ"],
        "17a": ["RU"],
        "18": ["1: " + doc["vehicle"]],
        "19": ["0"],
        "20": ["%s %s" % (t["delivery_terms"]["incoterm"], t["delivery_terms"]["place"])],
        "21": ["1: " + doc["vehicle"]],
        "22": [t["invoice_currency"], num(doc, t["invoice_total"], 2)],
        "23": [fmt_number(doc["rate"], 4, "plain" if doc["styles"]["number"] in ("machine", "plain") else "ru")],
        "24": ["010"],
        "25": ["40" if "/" in doc["vehicle"][:5] else "30"],
        "26": [""],
        "29": ["%s %s" % (doc["reg_number"].split("/")[0], doc["customs_post"])],
        "30": ["11, %s, СВХ ООО \"ТЕРМИНАЛ\", СВИД. 10005/141210/10108/4" % doc["reg_number"].split("/")[0]],
        "47": payments,
        "B": ["1010-%s-643-%s" % (payments[0][3], broker["inn"]), "5010-%s-643-%s" % (payments[2][3], broker["inn"])],
        "48": [""],
        "49": ["СВХ 10005/141210/10108/4 ОТ %s" % fmt_date(doc["doc_date"], "dmy")],
        "54": [
            "%s, %s" % (broker["address"].split(",")[2].strip(), fmt_date(doc["doc_date"], doc["styles"]["date"])),
            "%s ИНН %s" % (broker["name"], broker["inn"]),
            "ДОГОВОР С ДЕКЛАРАНТОМ № %d/%d ОТ %s" % (
                hash_int(doc["reg_number"]) % 900 + 100, doc["reg_date"].year - 1,
                fmt_date(doc["reg_date"].replace(day=1, month=2), "dmy")),
            "ПАСПОРТ 45 %02d %06d, СПЕЦИАЛИСТ ПО ТАМОЖЕННЫМ ОПЕРАЦИЯМ" % (hash_int(doc["reg_number"]) % 99,
                                                                      hash_int(doc["reg_number"][::-1]) % 999999),
        ],
    }
    return v


def hash_int(s):
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) % 1000000007
    return h


def item_values(doc, item):
    return {
        "31": box31_lines(doc, item),
        "32": [str(item["item_no"])],
        "33": [fmt_hs(item["hs_code"], doc["styles"]["hs"])],
        "34": [item["origin_country"]],
        "35": [num(doc, item["gross_kg"], 3)],
        "36": ["ОООО-ОО"],
        "37": ["4000000"],
        "38": [num(doc, item["net_kg"], 3)],
        "40": [("ТД/" if item["item_no"] % 2 else "") + doc["prev_number"] + "/%d" % item["item_no"]],
        "41": ["%s (%s) %s" % (item["qty"], item["unit_code"], item["unit"])],
        "42": [num(doc, item["invoice_price"], 2)],
        "43": ["1"],
        "44": doc["documents"],
        "45": [num(doc, item["customs_value"], 2)],
        "46": [num(doc, item["statistical_value"], 2)],
    }


# ---------------------------------------------------------------------------
# Grid layouts (official and dense)


class Box:
    def __init__(self, key, x, y, w, h, cells=None):
        self.key, self.x, self.y, self.w, self.h, self.cells = key, x, y, w, h, cells


def row(x0, x1, y, h, specs):
    """specs: list of (key, width_mm or None for the rest).  Returns boxes side by side."""
    fixed = sum(w for _, w in specs if w)
    rest = max(x1 - x0 - fixed, 5)
    boxes, x = [], x0
    for key, w in specs:
        w = w or rest
        boxes.append(Box(key, x, y, w, h))
        x += w
    return boxes


def grid_geometry(p, first_sheet):
    """Box rectangles (mm, top-left origin) of one sheet.  p: layout proportions."""
    L, R = p["left"], p["right"]
    M = L + (R - L) * p["split"]
    y = p["top"]
    boxes = []
    k = p["k"]  # height scale
    if first_sheet:
        h1 = 30 * k
        boxes.append(Box("2", L, y, M - L, h1))
        boxes.append(Box("1", M, y, 50 * p["kw"], 10 * k, cells=3))
        boxes.append(Box("A", M + 50 * p["kw"], y, R - M - 50 * p["kw"], 20 * k))
        boxes += row(M, M + 50 * p["kw"], y + 10 * k, 10 * k, [("3", 25 * p["kw"]), ("4", None)])
        boxes[-2].cells = 2
        boxes += row(M, R, y + 20 * k, 10 * k, [("5", 18), ("6", 20), ("7", None)])
        y += h1
        h2 = 30 * k
        boxes.append(Box("8", L, y, M - L, h2))
        boxes.append(Box("9", M, y, R - M, 18 * k))
        boxes += row(M, R, y + 18 * k, 12 * k, [("10", 16), ("11", 16), ("12", 38), ("13", None)])
        y += h2
        h3 = 30 * k
        boxes.append(Box("14", L, y, M - L, h3))
        boxes += row(M, R, y, 10 * k, [("15", 40 * p["kw"]), ("15a", 22), ("17a", None)])
        boxes[-2].cells, boxes[-1].cells = "ab", "ab"
        boxes += row(M, R, y + 10 * k, 10 * k, [("16", 40 * p["kw"]), ("17", None)])
        boxes += row(M, R, y + 20 * k, 10 * k, [("19", 12), ("20", None)])
        y += h3
        boxes += row(L, M, y, 10 * k, [("21", None)])
        boxes += row(M, R, y, 10 * k, [("22", 45 * p["kw"]), ("23", 22), ("24", None)])
        boxes[-3].cells = 2
        y += 10 * k
        boxes += row(L, M, y, 10 * k, [("25", 20), ("26", 20), ("27", None)])
        boxes.append(Box("28", M, y, R - M, 20 * k))
        y += 10 * k
        boxes += row(L, M, y, 10 * k, [("29", 40), ("30", None)])
        y += 10 * k
    else:
        boxes.append(Box("2", L, y, M - L, 16 * k))
        boxes.append(Box("1", M, y, 50 * p["kw"], 8 * k, cells=3))
        boxes.append(Box("A", M + 50 * p["kw"], y, R - M - 50 * p["kw"], 16 * k))
        boxes.append(Box("3", M, y + 8 * k, 50 * p["kw"], 8 * k, cells=2))
        y += 16 * k + 2
    return boxes, y


def item_geometry(p, y, first_sheet):
    """Boxes of one goods item starting at y; returns boxes and the y after them."""
    L, R = p["left"], p["right"]
    N = L + (R - L) * p["item_split"]
    k = p["k"]
    rh = p["item_row"] * k
    boxes = [Box("31", L, y, N - L, 5 * rh)]
    boxes += row(N, R, y, rh, [("32", 14), ("33", None)])
    boxes += row(N, R, y + rh, rh, [("34", 24), ("35", 32), ("36", None)])
    boxes[-3].cells = "ab"
    boxes += row(N, R, y + 2 * rh, rh, [("37", 24), ("38", 32), ("39", None)])
    boxes += row(N, R, y + 3 * rh, rh, [("40", None)])
    boxes += row(N, R, y + 4 * rh, rh, [("41", 24), ("42", 32), ("43", None)])
    y += 5 * rh
    h44 = p["h44"] * k
    boxes.append(Box("44", L, y, N - L, h44))
    boxes += row(N, R, y, h44 / 2, [("45", None)])
    boxes += row(N, R, y + h44 / 2, h44 / 2, [("46", None)])
    y += h44
    return boxes, y


PROPORTIONS = {
    "official": dict(left=16, right=200, top=12, split=0.5, item_split=0.52, k=1.0, kw=1.0, item_row=10.0,
                     h44=20.0, caption=4.6, value=7.4, min_value=4.8, item_gap=1.5),
    "dense": dict(left=8, right=203, top=8, split=0.42, item_split=0.6, k=0.86, kw=0.85, item_row=9.0,
                  h44=17.0, caption=4.0, value=6.6, min_value=4.3, item_gap=0.5),
}


def draw_caption(d, box, style, fonts, size):
    key = box.key
    number = key.rstrip("a") if key not in ("A", "B", "C") else key
    label = LABELS.get(key, "")
    x, y = box.x + 0.7, box.y + size * 0.42 + 0.6
    cap, bold = fonts
    if key in ("A", "B", "C"):
        d.text(x, y + 0.6, key, bold, size + 2.5)
        if label:
            d.text(x + d.width_mm(key, bold, size + 2.5) + 1.2, y, label, cap, size)
        return
    if key.endswith("a"):
        number = number + (" a" if style == "spaced" else "")
    if style == "customs":
        label_x = x + d.width_mm(number, bold, size + 0.8) + 0.15
        d.text(x, y, number, bold, size + 0.8)
    else:
        label_x = x + d.width_mm(number + " ", cap, size + 0.8)
        d.text(x, y, number, cap, size + 0.8)
    room = box.x + box.w - label_x - 0.5
    while size > 3.3 and d.width_mm(label, cap, size) > room:
        size -= 0.2
    while label and d.width_mm(label, cap, size) > room:
        label = label[:-2] + "."  # abbreviate like the printed form does
    d.text(label_x, y, label, cap, size)


def draw_value(d, box, lines, font, size, min_size, wrap, caption_h):
    """Wrap lines into the box below its caption, shrinking the type until they fit."""
    if not lines or not any(lines):
        return
    inner_w = box.w - 2.4
    top = box.y + caption_h
    avail = box.h - caption_h - 0.6
    s = size
    while True:
        lead = s * 0.3528 * 1.12  # pt -> mm, line spacing
        wrapped = []
        for i, line in enumerate(lines):
            splitter = wrap_chars if (wrap == "char" and i == 0 and box.key == "31") else wrap_words
            wrapped += splitter(d, line, font, s, inner_w)
        if len(wrapped) * lead <= avail:
            break
        if s <= min_size:
            d.overflows.append((d.page, box.key, len(wrapped) * lead - avail))
            break
        s = max(min_size, s - 0.3)
    y = top + lead * 0.8
    for line in wrapped:
        d.text(box.x + 1.2, y, line, font, s)
        y += lead


def draw_cells(d, box, values, font, size, caption_h, cap_font):
    """Sub-boxes: '1' (three cells ИМ|40|ЭД), '3' (1|3), '15a' / '34' (a CN | b)."""
    if box.cells == "ab":
        half = box.w / 2
        d.line(box.x + half, box.y + caption_h, box.x + half, box.y + box.h, 0.3)
        base = box.y + box.h - 1.6
        d.text(box.x + 0.8, base, "a", cap_font, 4.5)
        d.text(box.x + half + 0.8, base, "b", cap_font, 4.5)
        d.text(box.x + 3.2, base, values[0] if values else "", font, size)
        return
    n = box.cells
    cw = box.w / n
    for i in range(1, n):
        d.line(box.x + i * cw, box.y + caption_h, box.x + i * cw, box.y + box.h, 0.3)
    base = box.y + box.h - 1.4
    for i, v in enumerate(values[:n]):
        d.text(box.x + i * cw + 1.5, base, v, font, size)


def draw_payments(d, box, rows, font, size, caption_h):
    cols = [0.0, 0.17, 0.52, 0.68, 0.92]
    heads = ["Вид", "Основа начисления", "Ставка", "Сумма", "СП"]
    y = box.y + caption_h + 2.2
    for c, h in zip(cols, heads):
        d.text(box.x + 1 + c * box.w, y, h, font, size - 1.2)
    d.line(box.x, y + 0.8, box.x + box.w, y + 0.8, 0.3)
    for r in rows:
        y += size * 0.45
        for c, v in zip(cols, list(r) + ["ИУ"]):
            d.text(box.x + 1 + c * box.w, y, v, font, size - 0.6)
    for c in cols[1:]:
        d.line(box.x + c * box.w - 0.3, box.y + caption_h, box.x + c * box.w - 0.3, box.y + box.h, 0.3)


def render_grid(d, doc, layout, rng):
    p = PROPORTIONS[layout]
    fonts = rng.choice(CAPTION_FONTS)
    value_font = rng.choice(VALUE_FONTS)
    style = doc["styles"]["caption"]
    cap_h = p["caption"] * 0.3528 * 1.25 + 0.9
    header = header_values(doc)
    t = doc["truth"]
    items = doc["items"]
    sheets = [items[:1]] + [items[i:i + 3] for i in range(1, len(items), 3)]
    for sheet_no, sheet_items in enumerate(sheets, start=1):
        first = sheet_no == 1
        if not first:
            title = "ДОБАВОЧНЫЙ ЛИСТ К ДЕКЛАРАЦИИ НА ТОВАРЫ"
            d.text((210 - d.width_mm(title, fonts[1], 8)) / 2, p["top"] - 2.2, title, fonts[1], 8)
        else:
            d.text(p["left"], p["top"] - 2.2, "ЕВРАЗИЙСКИЙ ЭКОНОМИЧЕСКИЙ СОЮЗ", fonts[0], 5.5)
            d.text(p["right"] - d.width_mm("ДТ1", fonts[1], 7), p["top"] - 2.2, "ДТ1", fonts[1], 7)
        boxes, y = grid_geometry(p, first)
        values = dict(header)
        if not first:
            values["2"] = [t["consignor"]["name"]]
            values["3"] = [str(sheet_no), str(t["pages"])]
            values["A"] = []
        all_boxes = list(boxes)
        item_vals = []
        for item in sheet_items:
            ib, y = item_geometry(p, y, first)
            all_boxes += ib
            item_vals.append((ib, item_values(doc, item)))
            y += p["item_gap"]
        if first:
            rest = 297 - 10 - y
            k47 = max(min(rest * 0.55, 30), 18)
            all_boxes.append(Box("47", p["left"], y, (p["right"] - p["left"]) * 0.58, k47))
            all_boxes.append(Box("B", p["left"] + (p["right"] - p["left"]) * 0.58, y,
                                 (p["right"] - p["left"]) * 0.42, k47))
            y += k47
            all_boxes += row(p["left"], p["right"], y, 9 * p["k"], [("48", 60), ("49", None)])
            y += 9 * p["k"]
            all_boxes.append(Box("54", p["left"], y, p["right"] - p["left"], max(287 - y, 14)))
        for b in all_boxes:
            d.rect(b.x, b.y, b.w, b.h, 0.7 if b.key in ("31", "2", "8", "14", "A") else 0.45)
        for b in all_boxes:
            draw_caption(d, b, style, fonts, p["caption"])
        for b in all_boxes:
            vals = values.get(b.key)
            for ib, iv in item_vals:
                if b in ib:
                    vals = iv.get(b.key)
            if vals is None:
                continue
            if b.key == "47":
                draw_payments(d, b, vals, value_font, p["value"], cap_h)
            elif b.cells:
                draw_cells(d, b, vals, value_font, p["value"], cap_h, fonts[0])
            elif b.key == "A":
                if vals:
                    a_size = p["value"] + 2.6
                    while d.width_mm(vals[0], fonts[1], a_size) > b.w - 6:
                        a_size -= 0.2
                    d.text(b.x + 3, b.y + b.h * 0.62, vals[0], fonts[1], a_size)
            elif b.key == "33":
                d.text(b.x + 3, b.y + b.h - 1.8, vals[0], value_font, p["value"] + 1.5)
            else:
                draw_value(d, b, vals, value_font, p["value"], p["min_value"], doc["styles"]["box31_wrap"], cap_h)
        d.show_page()
    return len(sheets)


# ---------------------------------------------------------------------------
# Broker printout


def render_broker(d, doc, rng):
    font = rng.choice(MONO_FONTS)
    bold = rng.choice(["PTSans-Bold", "LiberationSans-Bold", "DejaVuSans-Bold"])
    size = rng.choice([7.6, 8.0, 8.4])
    lead = size * 0.3528 * 1.3
    left, right = 14, 198
    header = header_values(doc)
    t = doc["truth"]
    items = doc["items"]
    sheets = [items[:1]] + [items[i:i + 3] for i in range(1, len(items), 3)]
    indent = 6

    state = {"y": 0.0}

    def put(label_no, label, lines, continuation=True):
        prefix = "гр. %s %s: " % (label_no, label) if label else ""
        text_w = right - left
        first = True
        for line in lines:
            content = (prefix if first else "") + line
            pieces = wrap_words(d, content, font, size, text_w if first else text_w - indent)
            for j, piece in enumerate(pieces):
                x = left if (first and j == 0) else left + indent
                d.text(x, state["y"], piece, font, size)
                state["y"] += lead
            first = False

    for sheet_no, sheet_items in enumerate(sheets, start=1):
        state["y"] = 14.0
        if sheet_no == 1:
            d.text(left, state["y"], "ДЕКЛАРАЦИЯ НА ТОВАРЫ", bold, 11)
            reg = "A  " + doc["reg_number"]
            d.text(right - d.width_mm(reg, bold, 10), state["y"], reg, bold, 10)
        else:
            d.text(left, state["y"], "ДОБАВОЧНЫЙ ЛИСТ К ДЕКЛАРАЦИИ НА ТОВАРЫ", bold, 10)
        state["y"] += 4
        d.line(left, state["y"], right, state["y"], 0.8)
        state["y"] += lead + 1
        put("1", "Декларация", [" ".join(header["1"])])
        put("3", "Формы", ["%d / %d" % (sheet_no, t["pages"])])
        if sheet_no == 1:
            put("2", "Отправитель/Экспортер", header["2"])
            put("5", "Всего т-ов", header["5"])
            put("6", "Всего мест", header["6"])
            put("8", "Получатель", header["8"])
            put("9", "Лицо, ответственное за финансовое урегулирование", header["9"])
            put("11", "Торг. страна", header["11"])
            put("12", "Общая таможенная стоимость", header["12"])
            put("14", "Декларант", header["14"])
            put("15", "Страна отправления", header["15"])
            put("15 a", "Код страны отпр.", header["15a"])
            put("16", "Страна происхождения", header["16"])
            put("17", "Страна назначения", header["17"])
            put("17 a", "Код страны назнач.", header["17a"])
            put("18", "Трансп. средство при отправлении", header["18"])
            put("20", "Условия поставки", header["20"])
            put("22", "Валюта и общая сумма по счету", [" ".join(header["22"])])
            put("23", "Курс валюты", header["23"])
            put("24", "Характер сделки", header["24"])
            put("29", "Орган въезда/выезда", header["29"])
            put("30", "Местонахождение товаров", header["30"])
        else:
            put("2", "Отправитель/Экспортер", [t["consignor"]["name"]])
        for item in sheet_items:
            iv = item_values(doc, item)
            state["y"] += 1.2
            d.line(left, state["y"] - lead * 0.6, right, state["y"] - lead * 0.6, 0.4)
            d.text(left, state["y"] + 0.4, "ТОВАР № %d" % item["item_no"], bold, size + 0.6)
            state["y"] += lead + 0.6
            put("31", "Грузовые места и описание товаров", iv["31"])
            put("32", "Товар", iv["32"])
            put("33", "Код товара", iv["33"])
            put("34", "Код страны происх.", iv["34"])
            put("35", "Вес брутто (кг)", iv["35"])
            put("37", "Процедура", iv["37"])
            put("38", "Вес нетто (кг)", iv["38"])
            put("40", "Общая декларация/Предшествующий документ", iv["40"])
            put("41", "Дополнит. единицы", iv["41"])
            put("42", "Цена товара", iv["42"])
            put("44", "Дополнит. информация/Представл. документы", iv["44"])
            put("45", "Таможенная стоимость", iv["45"])
            put("46", "Статистическая стоимость", iv["46"])
        if sheet_no == 1:
            state["y"] += 1.5
            d.line(left, state["y"] - lead * 0.6, right, state["y"] - lead * 0.6, 0.4)
            put("47", "Исчисление платежей", ["%s  %s  %s  %s  ИУ" % r for r in header["47"]])
            put("B", "Подробности подсчета", header["B"])
            put("54", "Место и дата", header["54"])
        foot = "Лист %d из %d" % (sheet_no, t["pages"])
        d.text(right - d.width_mm(foot, font, 7), 290, foot, font, 7)
        d.show_page()
    return len(sheets)


def render_pdf(doc, layout, path, rng):
    """Draws the document; returns the Drawer (records of every string) after saving."""
    d = Drawer(path)
    if layout == "broker":
        pages = render_broker(d, doc, rng)
    else:
        pages = render_grid(d, doc, layout, rng)
    d.save()
    assert pages == doc["truth"]["pages"], (pages, doc["truth"]["pages"])
    return d
