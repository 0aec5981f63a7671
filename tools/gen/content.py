"""Random but realistic content of one goods declaration (ДТ), and its ground truth.

Everything here is pure data + random choices drawn from one random.Random, so a
document is fully determined by its seed.  The renderer (layout.py) prints what this
module decides; the truth (declx.truth/1) is built from the same values, so the two
cannot drift apart.
"""

import datetime
import math

# ---------------------------------------------------------------------------
# Identifiers with check digits (domain.md, "Russian identifiers")

INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def inn10_check(first9):
    total = sum(w * int(d) for w, d in zip(INN10_WEIGHTS, first9))
    return str(total % 11 % 10)


def is_valid_inn10(inn):
    return len(inn) == 10 and inn.isdigit() and inn10_check(inn[:9]) == inn[9]


def ogrn_check(first12):
    return str(int(first12) % 11 % 10)


def is_valid_ogrn(ogrn):
    return len(ogrn) == 13 and ogrn.isdigit() and ogrn_check(ogrn[:12]) == ogrn[12]


REGIONS = ["77", "78", "50", "52", "66", "54", "16", "63", "47", "69", "40", "61"]


def make_inn(rng, region=None):
    region = region or rng.choice(REGIONS)
    first9 = region + "%02d" % rng.randint(1, 51) + "%05d" % rng.randint(1, 99999)
    return first9 + inn10_check(first9)


def make_kpp(rng, inn):
    if rng.random() < 0.12:  # large taxpayers are registered with an interregional office
        return "9977" + rng.choice(["50", "01"]) + "001"
    return inn[:4] + rng.choice(["01", "01", "01", "43", "45"]) + "%03d" % rng.choice([1, 1, 1, 2])


def make_ogrn(rng, inn, year=None):
    year = year if year is not None else rng.randint(2, 21)
    first12 = rng.choice("1115") + "%02d" % year + inn[:2] + "%07d" % rng.randint(1, 9999999)
    return first12 + ogrn_check(first12)


# ---------------------------------------------------------------------------
# Export-control tiers (Common High Priority List, domain.md)

CHPL = {
    "1": "854231 854232 854233 854239",
    "2": "851762 852691 853221 853224 854800",
    "3.A": "847150 850440 851769 852589 852910 852990 853669 853690 854110 854121 854129 "
    "854130 854149 854151 854159 854160",
    "3.B": "848210 848220 848230 848250 880730 901310 901380 901420 901480",
    "4.A": "847180 848610 848620 848640 853400 854320 902750 903020 903032 903039 903082",
    "4.B": "845710 845811 845891 845961 846693",
}
HS6_TIER = {hs6: tier for tier, codes in CHPL.items() for hs6 in codes.split()}


def chpl_tier(hs_code):
    return HS6_TIER.get(hs_code[:6])


# ---------------------------------------------------------------------------
# Goods: (ТН ВЭД code, description, unit name, unit code, kg per unit range, USD per unit range,
# manufacturer-style model prefix)

GOODS = [
    ("8542319000", "МИКРОСХЕМЫ ИНТЕГРАЛЬНЫЕ ЭЛЕКТРОННЫЕ: ПРОЦЕССОРЫ И КОНТРОЛЛЕРЫ, В КОРПУСАХ ДЛЯ ПОВЕРХНОСТНОГО МОНТАЖА", "ШТ", "796", (0.002, 0.02), (3, 180), "STM32F"),
    ("8542329000", "МИКРОСХЕМЫ ИНТЕГРАЛЬНЫЕ ЭЛЕКТРОННЫЕ: ЗАПОМИНАЮЩИЕ УСТРОЙСТВА (ФЛЭШ-ПАМЯТЬ), НЕ ЯВЛЯЮТСЯ ЛОМОМ ЭЛЕКТРООБОРУДОВАНИЯ", "ШТ", "796", (0.001, 0.01), (1, 40), "MT29F"),
    ("8542399010", "МИКРОСХЕМЫ ИНТЕГРАЛЬНЫЕ ЭЛЕКТРОННЫЕ ПРОГРАММИРУЕМЫЕ ЛОГИЧЕСКИЕ (ПЛИС) ДЛЯ ПРОМЫШЛЕННОЙ АППАРАТУРЫ", "ШТ", "796", (0.005, 0.03), (40, 900), "XC7K"),
    ("8542330000", "МИКРОСХЕМЫ ИНТЕГРАЛЬНЫЕ УСИЛИТЕЛИ СВЧ, ВЧ-УСИЛИТЕЛИ МОЩНОСТИ НА ОСНОВЕ GAN", "ШТ", "796", (0.002, 0.02), (10, 300), "HMC"),
    ("8517620009", "АППАРАТУРА ДЛЯ ПРИЕМА, ПРЕОБРАЗОВАНИЯ И ПЕРЕДАЧИ ДАННЫХ: МАРШРУТИЗАТОРЫ И КОММУТАТОРЫ ЛВС", "ШТ", "796", (0.4, 3.5), (60, 1500), "S5720-"),
    ("8526910020", "АППАРАТУРА РАДИОНАВИГАЦИОННАЯ: ПРИЕМНИКИ ГНСС МОДУЛЬНЫЕ, ДЛЯ ВСТРАИВАНИЯ", "ШТ", "796", (0.02, 0.3), (25, 400), "UM982-"),
    ("8532240000", "КОНДЕНСАТОРЫ ПОСТОЯННОЙ ЕМКОСТИ КЕРАМИЧЕСКИЕ МНОГОСЛОЙНЫЕ, ДЛЯ ПОВЕРХНОСТНОГО МОНТАЖА", "ШТ", "796", (0.0001, 0.001), (0.01, 0.5), "GRM31"),
    ("8548009000", "ЭЛЕКТРИЧЕСКИЕ ЧАСТИ ОБОРУДОВАНИЯ: ФИЛЬТРЫ ПОМЕХОПОДАВЛЯЮЩИЕ, ЭМИ-ФИЛЬТРЫ", "ШТ", "796", (0.01, 0.2), (1, 60), "BLM"),
    ("8471500000", "ВЫЧИСЛИТЕЛЬНЫЕ МАШИНЫ, СЕРВЕРЫ В СТОЕЧНОМ ИСПОЛНЕНИИ, БЕЗ ПРЕДУСТАНОВЛЕННОГО ПО", "ШТ", "796", (12.0, 28.0), (1800, 9000), "R740-"),
    ("8504408800", "ИСТОЧНИКИ ВТОРИЧНОГО ЭЛЕКТРОПИТАНИЯ, DC/DC ПРЕОБРАЗОВАТЕЛИ МОДУЛЬНЫЕ", "ШТ", "796", (0.03, 0.6), (8, 220), "URB24"),
    ("8529109000", "АНТЕННЫ И АНТЕННЫЕ ОТРАЖАТЕЛИ ВСЕХ ТИПОВ И ИХ ЧАСТИ: ЭЛЕМЕНТЫ АНТЕННЫЕ ВОЛНОВОДНЫЕ", "ШТ", "796", (0.1, 4.0), (30, 2500), "ANT-"),
    ("8529906500", "ЧАСТИ АППАРАТУРЫ РАДИОЛОКАЦИОННОЙ: МОДУЛИ ПРИЕМОПЕРЕДАЮЩИЕ, ПЕЧАТНЫЕ УЗЛЫ В СБОРЕ", "ШТ", "796", (0.05, 1.5), (90, 4000), "TRM-"),
    ("8536694008", "СОЕДИНИТЕЛИ ЭЛЕКТРИЧЕСКИЕ (РАЗЪЕМЫ) КОАКСИАЛЬНЫЕ ВЧ ДЛЯ НАПРЯЖЕНИЯ НЕ БОЛЕЕ 1000 В", "ШТ", "796", (0.002, 0.05), (0.5, 40), "SMA-"),
    ("8541290000", "ТРАНЗИСТОРЫ ПОЛЕВЫЕ МОЩНЫЕ (MOSFET), С РАССЕИВАЕМОЙ МОЩНОСТЬЮ БОЛЕЕ 1 ВТ", "ШТ", "796", (0.001, 0.01), (0.2, 25), "IRF"),
    ("8541490000", "ПРИБОРЫ ПОЛУПРОВОДНИКОВЫЕ ФОТОЧУВСТВИТЕЛЬНЫЕ: ФОТОДИОДЫ, ФОТОПРИЕМНИКИ", "ШТ", "796", (0.001, 0.02), (1, 120), "PD-"),
    ("8482100090", "ПОДШИПНИКИ ШАРИКОВЫЕ РАДИАЛЬНЫЕ ОДНОРЯДНЫЕ, НАРУЖНЫЙ ДИАМЕТР НЕ БОЛЕЕ 30 ММ", "ШТ", "796", (0.005, 0.2), (0.3, 12), "6204-"),
    ("9013800000", "УСТРОЙСТВА ЖИДКОКРИСТАЛЛИЧЕСКИЕ: МОДУЛИ ДИСПЛЕЙНЫЕ TFT БЕЗ ПОДСВЕТКИ", "ШТ", "796", (0.05, 0.8), (8, 300), "TM070"),
    ("9014208009", "ПРИБОРЫ И ИНСТРУМЕНТЫ ДЛЯ АЭРОНАВИГАЦИИ: ИНЕРЦИАЛЬНЫЕ ИЗМЕРИТЕЛЬНЫЕ МОДУЛИ", "ШТ", "796", (0.05, 1.2), (120, 6000), "IMU-"),
    ("8486200009", "ОБОРУДОВАНИЕ ДЛЯ ПРОИЗВОДСТВА ПОЛУПРОВОДНИКОВЫХ ПРИБОРОВ: УСТАНОВКИ ОСАЖДЕНИЯ", "ШТ", "796", (120.0, 900.0), (20000, 200000), "PECVD-"),
    ("8534001900", "ПЛАТЫ ПЕЧАТНЫЕ МНОГОСЛОЙНЫЕ БЕЗ УСТАНОВЛЕННЫХ ЭЛЕМЕНТОВ", "ШТ", "796", (0.01, 0.3), (0.5, 60), "PCB-"),
    ("9030320009", "МУЛЬТИМЕТРЫ С ЗАПИСЫВАЮЩИМ УСТРОЙСТВОМ, ЦИФРОВЫЕ, ЛАБОРАТОРНЫЕ", "ШТ", "796", (0.5, 4.0), (80, 2500), "DMM-"),
    ("9030820000", "ПРИБОРЫ ДЛЯ ИЗМЕРЕНИЯ ИЛИ КОНТРОЛЯ ПОЛУПРОВОДНИКОВЫХ ПЛАСТИН", "ШТ", "796", (5.0, 60.0), (3000, 90000), "WPT-"),
    ("8458110000", "СТАНКИ ТОКАРНЫЕ ГОРИЗОНТАЛЬНЫЕ С ЧПУ ДЛЯ ОБРАБОТКИ МЕТАЛЛА", "ШТ", "796", (1800.0, 6500.0), (25000, 160000), "CK61"),
    ("8457109000", "ЦЕНТРЫ ОБРАБАТЫВАЮЩИЕ ВЕРТИКАЛЬНЫЕ ДЛЯ ОБРАБОТКИ МЕТАЛЛА", "ШТ", "796", (3000.0, 9000.0), (40000, 250000), "VMC"),
    ("8807300000", "ЧАСТИ БЕСПИЛОТНЫХ ЛЕТАТЕЛЬНЫХ АППАРАТОВ: РАМЫ И ЛОПАСТИ ВОЗДУШНЫХ ВИНТОВ", "ШТ", "796", (0.05, 2.0), (5, 400), "FR-"),
    # ordinary civil goods
    ("6403999800", "ОБУВЬ МУЖСКАЯ С ВЕРХОМ ИЗ НАТУРАЛЬНОЙ КОЖИ, НА ПОДОШВЕ ИЗ РЕЗИНЫ", "ПАР", "715", (0.6, 1.4), (8, 45), "ART-"),
    ("8708299009", "ЧАСТИ И ПРИНАДЛЕЖНОСТИ КУЗОВОВ ЛЕГКОВЫХ АВТОМОБИЛЕЙ: МОЛДИНГИ, КРОНШТЕЙНЫ", "ШТ", "796", (0.1, 3.0), (2, 60), "AB-"),
    ("3926909709", "ИЗДЕЛИЯ ПРОЧИЕ ИЗ ПЛАСТМАСС: КЛИПСЫ, ФИКСАТОРЫ, ЗАГЛУШКИ", "КГ", "166", (1.0, 1.0), (2, 9), "CL-"),
    ("7318158900", "БОЛТЫ ИЗ ЧЕРНЫХ МЕТАЛЛОВ С РЕЗЬБОЙ, С ГАЙКАМИ ИЛИ БЕЗ НИХ", "КГ", "166", (1.0, 1.0), (1, 4), "DIN933-"),
    ("6110209100", "СВИТЕРЫ ТРИКОТАЖНЫЕ МАШИННОГО ВЯЗАНИЯ ИЗ ХЛОПЧАТОБУМАЖНОЙ ПРЯЖИ, ЖЕНСКИЕ", "ШТ", "796", (0.25, 0.6), (3, 18), "KN-"),
    ("9403208000", "МЕБЕЛЬ МЕТАЛЛИЧЕСКАЯ ПРОЧАЯ: СТЕЛЛАЖИ СКЛАДСКИЕ СБОРНЫЕ", "ШТ", "796", (15.0, 60.0), (30, 220), "SR-"),
    ("8516600000", "ПЕЧИ МИКРОВОЛНОВЫЕ БЫТОВЫЕ, НАСТОЛЬНЫЕ", "ШТ", "796", (9.0, 16.0), (35, 110), "MW-"),
    ("4011100003", "ШИНЫ ПНЕВМАТИЧЕСКИЕ РЕЗИНОВЫЕ НОВЫЕ ДЛЯ ЛЕГКОВЫХ АВТОМОБИЛЕЙ", "ШТ", "796", (7.0, 12.0), (25, 90), "R17-"),
    ("8414590000", "ВЕНТИЛЯТОРЫ ОСЕВЫЕ ПРОМЫШЛЕННЫЕ С ЭЛЕКТРОДВИГАТЕЛЕМ МОЩНОСТЬЮ БОЛЕЕ 125 ВТ", "ШТ", "796", (2.0, 20.0), (30, 400), "FAN-"),
    ("8481809907", "АРМАТУРА ТРУБОПРОВОДНАЯ: КРАНЫ ШАРОВЫЕ ИЗ НЕРЖАВЕЮЩЕЙ СТАЛИ", "ШТ", "796", (0.3, 6.0), (4, 120), "BV-"),
]
CIVIL_FIRST = 25  # index of the first civil row above

MAKERS = {
    "CN": ["SHENZHEN HUAXIN MICROELECTRONICS", "CHENGDU RUIXIN TECHNOLOGY", "XIAN TIANHE DEFENSE", "WUXI JINGYUAN SEMI",
           "NINGBO YONGHENG MACHINERY", "GUANGZHOU LIANCHUANG", "BEIJING ZHONGKE SHENGXIN", "SUZHOU KAIDA PRECISION"],
    "HK": ["ASIA PACIFIC COMPONENTS", "GOLDEN BRIDGE ELECTRONICS", "KOWLOON SEMICONDUCTOR SUPPLY"],
    "TR": ["ASELSAN ELEKTRONIK", "ISTANBUL MAKINA SANAYI", "ANKARA ELEKTRONIK"],
    "AE": ["GULF TECH INDUSTRIES", "EMIRATES PRECISION"],
    "US": ["TEXAS INSTRUMENTS", "ANALOG DEVICES", "XILINX", "MICROCHIP TECHNOLOGY"],
    "JP": ["MURATA MANUFACTURING", "TDK CORPORATION"],
    "KR": ["SAMSUNG ELECTRONICS"],
    "TW": ["TAIWAN SEMICONDUCTOR", "MEDIATEK"],
    "MY": ["INFINEON TECHNOLOGIES MALAYSIA"],
}

COUNTRY_RU = {
    "CN": "КИТАЙ", "HK": "ГОНКОНГ", "TR": "ТУРЦИЯ", "AE": "ОБЪЕДИНЕННЫЕ АРАБСКИЕ ЭМИРАТЫ", "RU": "РОССИЯ",
    "US": "СОЕДИНЕННЫЕ ШТАТЫ", "JP": "ЯПОНИЯ", "KR": "КОРЕЯ, РЕСПУБЛИКА", "TW": "ТАЙВАНЬ (КИТАЙ)",
    "MY": "МАЛАЙЗИЯ",
}

# ---------------------------------------------------------------------------
# Parties

CN_CITIES = [("SHENZHEN", "GUANGDONG", "ШЭНЬЧЖЭНЬ"), ("BEIJING", "BEIJING", "ПЕКИН"), ("SHANGHAI", "SHANGHAI", "ШАНХАЙ"),
             ("GUANGZHOU", "GUANGDONG", "ГУАНЧЖОУ"), ("CHENGDU", "SICHUAN", "ЧЭНДУ"), ("XIAMEN", "FUJIAN", "СЯМЫНЬ"),
             ("HANGZHOU", "ZHEJIANG", "ХАНЧЖОУ"), ("SUZHOU", "JIANGSU", "СУЧЖОУ")]
CN_WORDS = [("JINGHUA", "ЦЗИНХУА"), ("HUAXIN", "ХУАСИНЬ"), ("TIANYU", "ТЯНЬЮЙ"), ("RUIXIN", "ЖУЙСИНЬ"), ("HONGDA", "ХУНДА"),
            ("XINGYUAN", "СИНЮАНЬ"), ("ZHONGKE", "ЧЖУНКЭ"), ("BAOLI", "БАОЛИ"), ("LONGXIN", "ЛУНСИНЬ"), ("WEITAI", "ВЭЙТАЙ")]
EN_WORDS = [("ELECTRONICS", "ЭЛЕКТРОНИКС"), ("TECHNOLOGY", "ТЕКНОЛОДЖИ"), ("INDUSTRIAL", "ИНДАСТРИАЛ"),
            ("MACHINERY", "МАШИНЕРИ"), ("SUPPLY CHAIN", "САПЛАЙ ЧЕЙН"), ("COMPONENTS", "КОМПОНЕНТС")]
CN_STREETS = ["KEJI ROAD", "HUAQIANG NORTH ROAD", "JINQIAO ROAD", "TIANFU AVENUE", "XINGHU STREET", "ZHONGGUANCUN STREET"]
CN_DISTRICTS = ["NANSHAN DISTRICT", "FUTIAN DISTRICT", "HAIDIAN DISTRICT", "PUDONG NEW AREA", "GAOXIN ZONE", "BAOAN DISTRICT"]

HK_WORDS = ["GRAND ORIENT", "PACIFIC STAR", "GOLDEN BRIDGE", "VICTORY WAY", "SILVER HARBOUR", "EVER GAIN", "FAR EAST LINK"]
HK_STREETS = ["NATHAN ROAD", "CANTON ROAD", "HENNESSY ROAD", "QUEEN'S ROAD CENTRAL", "HOI BUN ROAD", "CHEUNG SHA WAN ROAD"]
HK_AREAS = ["KOWLOON", "TSIM SHA TSUI", "WAN CHAI", "KWUN TONG", "MONG KOK"]

TR_WORDS = ["ANADOLU", "BOGAZICI", "MARMARA", "KARADENIZ", "EGE", "YILDIZ", "KARTAL", "OZTURK"]
TR_SECTORS = ["ELEKTRONIK SANAYI VE TICARET", "DIS TICARET", "MAKINA IMALAT SANAYI VE TICARET", "TEKNOLOJI DIS TICARET"]
TR_CITIES = ["ISTANBUL", "ANKARA", "IZMIR", "BURSA", "KOCAELI"]

AE_WORDS = ["AL NOOR", "DESERT FALCON", "SKY LINE", "AL MANSOOR", "GULF STAR", "BLUE OCEAN", "AL SAFA"]
AE_AREAS = ["DEIRA", "JEBEL ALI FREE ZONE", "AL QUSAIS", "BUR DUBAI", "BUSINESS BAY"]

# Russian consignees. Defence firms are named the way they appear in public records; their
# identifiers are generated (valid check digits, not real).  Quotes are kept unbalanced on purpose.
DEFENCE_CONSIGNEES = [
    ('АО', 'КОНЦЕРН ВКО "АЛМАЗ-АНТЕЙ', '121471, РОССИЯ, Г. МОСКВА, УЛ. ВЕРЕЙСКАЯ, Д. 41'),
    ('ПАО', 'НПО "АЛМАЗ" ИМ. АКАД. А.А. РАСПЛЕТИНА', '125190, РОССИЯ, Г. МОСКВА, ЛЕНИНГРАДСКИЙ ПР-КТ, Д. 80, К. 16'),
    ('АО', 'НПО "ЛЭМЗ', '127411, РОССИЯ, Г. МОСКВА, ДМИТРОВСКОЕ Ш., Д. 110'),
    ('АО', 'НИИП ИМ. В.В. ТИХОМИРОВА', '140180, РОССИЯ, МОСКОВСКАЯ ОБЛ., Г. ЖУКОВСКИЙ, УЛ. ГАГАРИНА, Д. 3'),
    ('АО', 'НПП "ИСТОК" ИМ. ШОКИНА', '141190, РОССИЯ, МОСКОВСКАЯ ОБЛ., Г. ФРЯЗИНО, УЛ. ВОКЗАЛЬНАЯ, Д. 2А'),
    ('АО', 'ОКБ "НОВАТОР', '620017, РОССИЯ, СВЕРДЛОВСКАЯ ОБЛ., Г. ЕКАТЕРИНБУРГ, ПР-КТ КОСМОНАВТОВ, Д. 18'),
    ('АО', 'НИЖЕГОРОДСКИЙ НИИ РАДИОТЕХНИКИ', '603950, РОССИЯ, Г. НИЖНИЙ НОВГОРОД, УЛ. ШАПОШНИКОВА, Д. 5'),
    ('ООО', 'НПП "РАДАР-ТЕХ', '194100, РОССИЯ, Г. САНКТ-ПЕТЕРБУРГ, УЛ. КАНТЕМИРОВСКАЯ, Д. 12, ЛИТЕР А, ПОМ. 4Н'),
]
CIVIL_CONSIGNEES = [
    ("ООО", "ТЕХНОТРЕЙД"), ("ООО", "ЭЛКОМ-ПОСТАВКА"), ("ООО", "СИБИРСКИЕ КОМПОНЕНТЫ"), ("ООО", "АВТОДЕТАЛЬ-М"),
    ("ООО", "ВОСТОК ИМПОРТ"), ("АО", "ПРОМЭЛЕКТРОНИКА"), ("ООО", "ТД ЛИДЕР"), ("ООО", "МИКРОЧИП РУС"),
    ("ООО", "ГЛОБАЛ ЛОГИСТИК СЕРВИС"), ("ООО", "СТАНКОИМПОРТ-ЦЕНТР"), ("ООО", "ОБУВНАЯ КОМПАНИЯ ВЕЛЕС"),
]
BROKERS = [
    ("ООО", 'ТАМОЖЕННЫЙ БРОКЕР "ВЕКТОР'), ("ООО", "ТКС-ЛОГИСТИК"), ("ООО", 'БРОКЕРСКАЯ КОМПАНИЯ "ГРАНИТ"'),
    ("ООО", "ДЕКЛАРАНТ-ПРОФИ"), ("ООО", "ТАМОЖЕННЫЙ ПРЕДСТАВИТЕЛЬ СЕВЕР-ЗАПАД"), ("АО", "РТЛ-БРОКЕР"),
]
RU_CITIES = [
    ("129110", "Г. МОСКВА", ["УЛ. ГИЛЯРОВСКОГО", "ПР-КТ МИРА", "УЛ. ОРДЖОНИКИДЗЕ", "ВАРШАВСКОЕ Ш.", "УЛ. АВИАМОТОРНАЯ"]),
    ("196084", "Г. САНКТ-ПЕТЕРБУРГ", ["УЛ. ЗАСТАВСКАЯ", "МОСКОВСКИЙ ПР-КТ", "УЛ. ПРОФЕССОРА ПОПОВА"]),
    ("630099", "НОВОСИБИРСКАЯ ОБЛ., Г. НОВОСИБИРСК", ["УЛ. ДЕПУТАТСКАЯ", "КРАСНЫЙ ПР-КТ"]),
    ("620014", "СВЕРДЛОВСКАЯ ОБЛ., Г. ЕКАТЕРИНБУРГ", ["УЛ. МАЛЫШЕВА", "УЛ. ЧЕЛЮСКИНЦЕВ"]),
    ("142000", "МОСКОВСКАЯ ОБЛ., Г. ДОМОДЕДОВО", ["УЛ. ПРОМЫШЛЕННАЯ", "КАШИРСКОЕ Ш."]),
    ("690091", "ПРИМОРСКИЙ КРАЙ, Г. ВЛАДИВОСТОК", ["УЛ. АЛЕУТСКАЯ", "ОКЕАНСКИЙ ПР-КТ"]),
]

QUOTE_STYLES = [('"', '"'), ("«", "»"), ("„", "“")]

CUSTOMS_OFFICES = ["10005030", "10005020", "10129060", "10702070", "10716050", "10013160", "10009100", "10210350",
                   "10418010", "10221010", "10317120", "10130090"]
INCOTERMS = ["FCA", "EXW", "CPT", "DAP", "CIP", "FOB", "CFR"]
RU_PLACES = ["МОСКВА", "ДОМОДЕДОВО", "САНКТ-ПЕТЕРБУРГ", "ЗАБАЙКАЛЬСК", "ВЛАДИВОСТОК", "НОВОСИБИРСК"]
DISPATCH_PLACES = {"CN": ["ПЕКИН", "ШЭНЬЧЖЭНЬ", "ШАНХАЙ", "ГУАНЧЖОУ", "МАНЬЧЖУРИЯ"],
                   "HK": ["ГОНКОНГ"], "TR": ["СТАМБУЛ", "МЕРСИН"], "AE": ["ДУБАЙ", "ДЖЕБЕЛЬ-АЛИ"]}
USD_RATE = (58.0, 101.0)
CURRENCY_PER_USD = {"USD": 1.0, "CNY": 7.1, "EUR": 0.92, "AED": 3.6725}

MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
              "октября", "ноября", "декабря"]

# ---------------------------------------------------------------------------
# End-use notes.  Each entry: printed text variants, canonical system (or None), all systems named,
# military flag, negated flag.  "{C}" is a Latin or Cyrillic С chosen per note (mixed scripts).

END_USE_NOTES = [
    (["ДЛЯ РЛС 96Л6Е ЗРС {C}-400", "ДЛЯ РЛС 96Л6Е ЗРС {C}-400 «ТРИУМФ»"], "S-400", ["96L6E", "S-400"], True, False),
    (["ДЛЯ ЗРС {C}-400", "ДЛЯ НУЖД ЗРС {C}400"], "S-400", ["S-400"], True, False),
    (["ДЛЯ ПУ 5П85СЕ2 ЗРС {C}-400"], "S-400", ["5P85", "S-400"], True, False),
    (["ДЛЯ РЛС 92Н6Е", "ЗИП К РЛС 92Н6Е"], "92N6E", ["92N6E"], True, False),
    (["ДЛЯ ИЗДЕЛИЯ 91Н6Е"], "91N6E", ["91N6E"], True, False),
    (["ДЛЯ ЗРПК ПАНЦИРЬ-{C}1", "ДЛЯ ЗРПК ПАНЦИР-{C}1"], "Pantsir-S1", ["Pantsir-S1"], True, False),
    (["ДЛЯ ЗРК ТОР-{M}2", "ЗИП ЗРК ТОР-{M}2"], "Tor-M2", ["Tor-M2"], True, False),
    (["ДЛЯ ЗРК БУК-{M}2"], "Buk-M2", ["Buk-M2"], True, False),
    (["ДЛЯ ОТРК ИСКАНДЕР-М"], "Iskander-M", ["Iskander-M"], True, False),
    (["ДЛЯ САМОЛЕТА {C}У-35{C}"], "Su-35", ["Su-35"], True, False),
    (["ДЛЯ ВЕРТОЛЕТА КА-52"], "Ka-52", ["Ka-52"], True, False),
    (["В РАМКАХ ГОЗ", "В РАМКАХ ГОСУДАРСТВЕННОГО ОБОРОННОГО ЗАКАЗА"], None, [], True, False),
    (["ДЛЯ НУЖД МИНОБОРОНЫ РОССИИ", "ДЛЯ НУЖД МИНИСТЕРСТВА ОБОРОНЫ РФ"], None, [], True, False),
    (["ИГК {IGK}"], None, [], True, False),
    (["ПРОДУКЦИЯ НЕ ВОЕННОГО НАЗНАЧЕНИЯ", "ТОВАР НЕ ВОЕННОГО НАЗНАЧЕНИЯ"], None, [], False, True),
    (["ГРАЖДАНСКОГО НАЗНАЧЕНИЯ", "ДЛЯ ГРАЖДАНСКОГО ПРИМЕНЕНИЯ"], None, [], False, True),
]
MILITARY_NOTE_WEIGHTS = [6, 4, 2, 3, 2, 3, 2, 2, 1, 1, 1, 5, 4, 5, 0, 0]
CIVIL_NOTE_WEIGHTS = [0] * 14 + [5, 5]


def make_igk(rng, year):
    # 25 digits: year, customer/contract codes, a defence-order mark; structure plausible, not real.
    body = "%02d" % (year % 100) + "%d" % rng.randint(1, 9) + "%08d" % rng.randint(0, 99999999) + \
        "%04d" % rng.randint(1000, 9999) + rng.choice(["1", "2"]) + "%04d" % rng.randint(0, 9999)
    return body + "0" * (25 - len(body))


def make_note(rng, index, year):
    variants, system, systems, military, negated = END_USE_NOTES[index]
    text = rng.choice(variants)
    contract_id = None
    if "{C}" in text:
        text = text.replace("{C}", rng.choice(["С", "С", "C"]))  # Cyrillic Es or Latin C
    if "{M}" in text:
        text = text.replace("{M}", rng.choice(["М", "M"]))
    if "{IGK}" in text:
        contract_id = make_igk(rng, year)
        text = text.replace("{IGK}", contract_id)
    return {"text": text, "system": system, "systems": list(systems), "military": military,
            "negated": negated, "contract_id": contract_id}


# ---------------------------------------------------------------------------
# Printing styles of numbers, codes and dates

def fmt_number(value, decimals, style):
    """Russian ("1 250,500" with a varying thousands space), machine ("1250.500000") or plain."""
    if style == "machine":
        return "%.*f" % (max(decimals, 6) if decimals == 3 else decimals, value)
    text = "%.*f" % (decimals, value)
    if style == "plain":
        return text
    whole, _, frac = text.partition(".")
    sep = style.split(":", 1)[1] if ":" in style else " "
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sep.join(groups) + ("," + frac if frac else "")


def fmt_hs(code, style):
    if style == "grouped":
        return "%s %s %s %s" % (code[:4], code[4:6], code[6:9], code[9:])
    if style == "dotted":
        return "%s.%s.%s.%s" % (code[:4], code[4:6], code[6:9], code[9:])
    return code


def fmt_date(date, style):
    if style == "long":
        return "%d %s %d г." % (date.day, MONTHS_GEN[date.month - 1], date.year)
    if style == "iso":
        return date.isoformat()
    return date.strftime("%d.%m.%Y")


# ---------------------------------------------------------------------------

def weighted_choice(rng, weights):
    total = sum(weights)
    r = rng.random() * total
    for i, w in enumerate(weights):
        r -= w
        if r < 0:
            return i
    return len(weights) - 1


def quoted(rng, legal_form, body, style=None):
    """'АО "КОНЦЕРН ВКО "АЛМАЗ-АНТЕЙ"'-like names: the inner quote stays as printed (often unbalanced)."""
    left, right = style or rng.choice(QUOTE_STYLES)
    if left != '"':
        body = body.replace('"', left, 1) if body.count('"') == 1 else body
    return '%s %s%s%s' % (legal_form, left, body, right)


def russian_address(rng, with_country=True):
    index, city, streets = rng.choice(RU_CITIES)
    parts = ["%s" % index]
    if with_country:
        parts.append("РОССИЯ")
    parts += [city, rng.choice(streets), "Д. %d" % rng.randint(1, 120)]
    if rng.random() < 0.5:
        parts.append(rng.choice(["СТР. %d" % rng.randint(1, 9), "К. %d" % rng.randint(1, 5),
                                 "ЭТАЖ %d, ПОМ. %d" % (rng.randint(1, 6), rng.randint(1, 40))]))
    return ", ".join(parts)


def russian_party(rng, legal_form, body, address=None):
    inn = make_inn(rng)
    return {
        "name": quoted(rng, legal_form, body),
        "legal_form": legal_form,
        "address": address or russian_address(rng),
        "country": "RU",
        "inn": inn,
        "kpp": make_kpp(rng, inn),
        "ogrn": make_ogrn(rng, inn),
    }


def foreign_consignor(rng, country):
    cyr = rng.random() < 0.2  # Cyrillic transliteration «... КО., ЛТД»
    if country == "CN":
        city, province, city_ru = rng.choice(CN_CITIES)
        w1, w1ru = rng.choice(CN_WORDS)
        w2, w2ru = rng.choice(EN_WORDS)
        if cyr:
            name, form = "%s %s %s КО., ЛТД" % (city_ru, w1ru, w2ru), "КО., ЛТД"
        else:
            form = rng.choice(["CO., LTD", "CO.,LTD", "CO., LTD.", "IMPORT & EXPORT CO., LTD"])
            name = "%s %s %s %s" % (city, w1, w2, form)
            if form.startswith("IMPORT"):
                form = "CO., LTD"
        address = "%s, %s, %s, %s, %s %d" % (COUNTRY_RU["CN"], province, city, rng.choice(CN_DISTRICTS),
                                               rng.choice(CN_STREETS), rng.randint(1, 300))
    elif country == "HK":
        base = rng.choice(HK_WORDS)
        form = rng.choice(["(HK) LIMITED", "TRADING LIMITED", "LIMITED", "(HK) CO., LIMITED"])
        name = "%s %s %s" % (base, rng.choice(["ELECTRONICS", "TECHNOLOGY", "INTERNATIONAL"]), form)
        if cyr:
            name = name.replace("LIMITED", "ЛИМИТЕД").replace("TRADING", "ТРЕЙДИНГ")
            form = form.replace("LIMITED", "ЛИМИТЕД").replace("TRADING", "ТРЕЙДИНГ")
        address = "%s, %s, %s %d, ROOM %d, %d/F" % (COUNTRY_RU["HK"], rng.choice(HK_AREAS), rng.choice(HK_STREETS),
                                                   rng.randint(1, 400), rng.randint(101, 2899), rng.randint(2, 30))
    elif country == "TR":
        form = rng.choice(["LTD STI", "LTD. STI.", "LIMITED SIRKETI"])
        name = "%s %s %s" % (rng.choice(TR_WORDS), rng.choice(TR_SECTORS), form)
        address = "%s, %s, %s MAH. %s CAD. NO:%d" % (COUNTRY_RU["TR"], rng.choice(TR_CITIES), rng.choice(TR_WORDS),
                                                    rng.choice(TR_WORDS), rng.randint(1, 99))
    else:  # AE
        form = rng.choice(["GENERAL TRADING L.L.C.", "TRADING L.L.C", "FZE", "TRADING FZCO"])
        name = "%s %s" % (rng.choice(AE_WORDS), form)
        form = form.split()[-1]
        if cyr and name.endswith("L.L.C."):
            name = name.replace("GENERAL TRADING", "ДЖЕНЕРАЛ ТРЕЙДИНГ").replace("L.L.C.", "Л.Л.К.")
            form = "Л.Л.К."
        address = "%s, DUBAI, %s, OFFICE %d, P.O. BOX %d" % (COUNTRY_RU["AE"], rng.choice(AE_AREAS),
                                                            rng.randint(101, 3999), rng.randint(10000, 99999))
    return {"name": name, "legal_form": form, "address": address, "country": country,
            "inn": None, "kpp": None, "ogrn": None}


def make_document(rng, n_items, layout, rendering):
    """Content + truth of one declaration.  Returns a dict with 'truth' and printing details."""
    # Registration date and number
    day0 = datetime.date(2022, 3, 1)
    reg_date = day0 + datetime.timedelta(days=rng.randint(0, 970))
    office = rng.choice(CUSTOMS_OFFICES)
    serial = "%07d" % rng.randint(1, 999999)
    if rng.random() < 0.08:
        serial = "Э" + serial[1:]
    reg_number = "%s/%s/%s" % (office, reg_date.strftime("%d%m%y"), serial)
    prev_date = reg_date - datetime.timedelta(days=rng.randint(2, 20))
    prev_number = "%s/%s/%07d" % (rng.choice(CUSTOMS_OFFICES), prev_date.strftime("%d%m%y"), rng.randint(1, 999999))

    dispatch = rng.choice(["CN", "CN", "CN", "CN", "HK", "HK", "TR", "AE"])
    consignor = foreign_consignor(rng, dispatch)

    defence = rng.random() < 0.45
    if defence:
        form, body, address = rng.choice(DEFENCE_CONSIGNEES)
        consignee = russian_party(rng, form, body, address)
    else:
        form, body = rng.choice(CIVIL_CONSIGNEES)
        consignee = russian_party(rng, form, body)
    bform, bbody = rng.choice(BROKERS)
    broker = russian_party(rng, bform, bbody)
    declarant_ref = None
    if rng.random() < 0.15:
        declarant, declarant_ref = dict(consignee), "СМ. ГРАФУ 8"
    else:
        declarant = broker
    box9_ref = rng.random() < 0.75  # box 9 "СМ. ГРАФУ 14" vs a repeat of the consignee

    currency = rng.choice(["USD", "USD", "CNY", "CNY", "EUR"] + (["AED"] if dispatch == "AE" else []))
    usd_rate = round(rng.uniform(*USD_RATE), 4)
    rate = round(usd_rate / CURRENCY_PER_USD[currency], 4)

    # Goods items
    items = []
    military_goods = [g for g in GOODS[:CIVIL_FIRST]]
    civil_goods = GOODS[CIVIL_FIRST:]
    for n in range(1, n_items + 1):
        if defence or rng.random() < 0.55:
            goods = rng.choice(military_goods if rng.random() < 0.85 else civil_goods)
        else:
            goods = rng.choice(civil_goods if rng.random() < 0.6 else military_goods)
        hs, desc, unit, unit_code, kg_range, usd_range, model = goods
        qty = rng.choice([1, 2, 4, 10, 12, 20, 50, 100, 250, 363, 500, 1000, 2500]) if kg_range[0] < 5 else rng.randint(1, 4)
        if unit == "КГ":
            qty = rng.randint(20, 2500)
        net = round(qty * rng.uniform(*kg_range), 3)
        net = max(net, 0.001)
        gross = round(net * rng.uniform(1.05, 1.35) + rng.uniform(0.1, 3.0), 3)
        price = round(qty * rng.uniform(*usd_range) * CURRENCY_PER_USD[currency], 2)
        price = max(price, 1.0)
        customs_value = round(price * rate * rng.uniform(1.0, 1.06), 2)
        statistical_value = round(customs_value / usd_rate, 2)
        origin = dispatch if dispatch != "HK" else "CN"
        if chpl_tier(hs) in ("1", "2", "3.A") and rng.random() < 0.3:
            origin = rng.choice(["US", "TW", "JP", "KR", "MY", "CN"])
        maker_country = origin if origin in MAKERS else "CN"
        notes = []
        if rng.random() < 0.3:
            weights = MILITARY_NOTE_WEIGHTS if (defence or rng.random() < 0.5) else CIVIL_NOTE_WEIGHTS
            first = weighted_choice(rng, weights)
            notes.append(make_note(rng, first, reg_date.year))
            if END_USE_NOTES[first][3] and rng.random() < 0.35:
                second = rng.choice([11, 12, 13])
                if second != first:
                    notes.append(make_note(rng, second, reg_date.year))
        item = {
            "item_no": n, "hs_code": hs, "goods_name": desc, "origin_country": origin,
            "gross_kg": gross, "net_kg": net, "invoice_price": price, "customs_value": customs_value,
            "statistical_value": statistical_value, "end_use": notes,
            "maker": rng.choice(MAKERS[maker_country]) + rng.choice([" CO., LTD", " INC.", " CORP.", ""]),
            "brand": rng.choice(["ОТСУТСТВУЕТ", rng.choice(MAKERS[maker_country]).split()[0]]),
            "model": model + "%d%s" % (rng.randint(10, 9999), rng.choice(["", "-A", "-2FFG900I", "T6", "-B1"])),
            "qty": qty, "unit": unit, "unit_code": unit_code,
            "packages": rng.randint(1, 40), "package_kind": rng.choice(["CT", "PX", "PK", "BX"]),
            "chpl_tier": chpl_tier(hs),
        }
        joiner = rng.choice(["; ", ", ", ". "])
        item["description"] = desc + "".join(joiner + note["text"] for note in notes)
        items.append(item)

    origins = sorted({it["origin_country"] for it in items})
    country_origin = origins[0] if len(origins) == 1 else None
    invoice_total = round(sum(it["invoice_price"] for it in items), 2)
    total_customs_value = round(sum(it["customs_value"] for it in items), 2)

    doc_date = reg_date - datetime.timedelta(days=rng.choice([0, 0, 1, 1, 2]))
    contract_date = reg_date - datetime.timedelta(days=rng.randint(60, 700))
    invoice_date = reg_date - datetime.timedelta(days=rng.randint(5, 50))
    styles = {
        "number": rng.choice(["ru: ", "ru:\u00a0", "ru:\u202f", "ru: ", "machine", "plain"]),
        "hs": rng.choice(["contiguous", "contiguous", "grouped", "dotted"]),
        "date": rng.choice(["dmy", "dmy", "long"]),
        "caption": rng.choice(["spaced", "spaced", "customs"]),
        "party_ids": rng.choice(["numero", "numero", "labelled"]),
        "box31_wrap": rng.choice(["word", "char"]),
    }
    year = reg_date.year
    documents = [
        "03011/0 КОНТРАКТ № %s-%d/%03d ОТ %s" % (rng.choice(["SZ", "HK", "TR", "RU", "CN"]), contract_date.year,
                                                  rng.randint(1, 300), fmt_date(contract_date, "dmy")),
        "04021/0 ИНВОЙС № INV-%d-%04d ОТ %s" % (year, rng.randint(1, 9999), fmt_date(invoice_date, "dmy")),
        "02015/0 CMR № %07d ОТ %s" % (rng.randint(1, 9999999), fmt_date(invoice_date + datetime.timedelta(days=3), "dmy")),
    ]
    if any(it["chpl_tier"] for it in items) and rng.random() < 0.4:
        documents.append("01999/0 ЗАКЛЮЧЕНИЕ ФСТЭК № %d/%d ОТ %s" % (rng.randint(100, 9999), year,
                                                                    fmt_date(invoice_date, "dmy")))

    truth_items = []
    all_notes = []
    for it in items:
        flags = []
        if it["chpl_tier"]:
            flags.append("chpl:" + it["chpl_tier"])
        if any(n["military"] and not n["negated"] for n in it["end_use"]):
            flags.append("military-end-use")
        t = {k: it[k] for k in ("item_no", "hs_code", "description", "origin_country", "gross_kg", "net_kg",
                                 "invoice_price", "customs_value", "statistical_value")}
        t["end_use"] = [dict(n) for n in it["end_use"]]
        t["flags"] = flags
        t["chpl_tier"] = it["chpl_tier"]
        truth_items.append(t)
        for note in it["end_use"]:
            all_notes.append(dict(note, item_no=it["item_no"]))

    place = rng.choice(DISPATCH_PLACES[dispatch] if rng.random() < 0.6 else RU_PLACES)
    incoterm = rng.choice(INCOTERMS)
    truth = {
        "schema": "declx.truth/1",
        "document_type": "declaration",
        "layout": layout,
        "rendering": rendering,
        "pages": 1 + math.ceil((n_items - 1) / 3),
        "declaration_number": reg_number,
        "declaration_date": reg_date.isoformat(),
        "direction": "IM",
        "procedure": "40",
        "consignor": consignor,
        "consignee": consignee,
        "declarant": declarant,
        "country_dispatch": dispatch,
        "country_origin": country_origin,
        "country_destination": "RU",
        "delivery_terms": {"incoterm": incoterm, "place": place},
        "invoice_currency": currency,
        "invoice_total": invoice_total,
        "items_declared": n_items,
        "items": truth_items,
        "end_use": all_notes,
    }
    return {
        "truth": truth, "items": items, "styles": styles, "reg_number": reg_number, "reg_date": reg_date,
        "prev_number": prev_number, "doc_date": doc_date, "documents": documents, "rate": rate,
        "usd_rate": usd_rate, "total_customs_value": total_customs_value, "declarant_ref": declarant_ref,
        "box9_ref": box9_ref, "broker": broker, "packages": sum(it["packages"] for it in items),
        "origin_name": COUNTRY_RU.get(country_origin, "РАЗНЫЕ") if country_origin else "РАЗНЫЕ",
        "customs_post": "Т/П %s" % rng.choice(["АЭРОПОРТ ДОМОДЕДОВО (ГРУЗОВОЙ)", "ЗАБАЙКАЛЬСКИЙ", "ЦЕНТРАЛЬНЫЙ ЭЛЕКТРОННЫЙ",
                                                  "ВЛАДИВОСТОКСКИЙ", "БАЛТИЙСКИЙ"]),
        "vehicle": "%s%03d%s / %s" % (rng.choice("АВЕКМНОРСТУХ"), rng.randint(1, 999), rng.choice(["ХТ", "ОР", "ЕК"]),
                                      rng.choice(["RU", "CN"])) if rng.random() < 0.6 else "%d/%s" % (rng.randint(100, 999), rng.choice(["CA", "SU", "CZ", "EK"])),
    }
