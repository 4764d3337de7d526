"""The curated vocabulary: every word list the parsers and the matcher read, in one place.

Each list says why it exists and who reads it. Where two readers need different lists (a notice's
model field and a brand field say "none" differently; a notice's sizes and a listing's sizes are
written differently), the shared part is defined once and each reader's additions beside it, so
a word added for one reader is visibly not added for the other. Changing a list changes decisions
or the index artifact's content: measure it (`make evaluate`, `make bench`) as a matcher change.

Scanner grammar that only one rule reads (the model-number scanner's fillers and negative heads,
the brand rules' retailers) stays beside that rule in `parsers/`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """The words as one regular-expression alternation, longest first (so a longer word wins where
    a shorter one is its prefix), each matched literally."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


# -- marks ---------------------------------------------------------------------------------------

# Trademark and copyright signs: part of how a name is printed, never of which product it is
# ("Snowline®" is "Snowline"). Display text drops them; matching text turns them into spaces, since
# they may be all that separates two words ("BlueStar™Range").
TRADEMARK_SIGNS = "™®©℠"

# -- "none" ----------------------------------------------------------------------------------------

# What a field holds when it says there is nothing to say, in the languages of the regulators'
# files: brand and model fields both use these. Compared lower-cased (see `text.says_none`).
_NONE_WORDS = frozenset(
    {"", "-", "--", "—", "?", "n/a", "na", "n.a.", "none", "nil", "null", "unknown", "not known", "various",
     "nincs", "ismeretlen", "brak", "keine", "ei", "ingen"}
)  # fmt: skip

# A brand field also says "no brand" in words of its own, with the feminine forms of "none" that
# "brand" takes ("aucune", "marque"), and as marketplace sellers fill a field they must not leave
# empty ("generic", "OEM").
BRAND_PLACEHOLDERS = _NONE_WORDS | frozenset(
    {"no", "unknown brand", "no brand", "no name", "noname", "no-name", "non-branded", "unbranded", "generic",
     "various brands", "multiple", "multiple brands", "sans marque", "inconnue", "inconnu", "aucune",
     "márka nélkül", "brak marki", "nieznana", "nieznany", "keine marke", "ohne marke", "unbekannt",
     "sin marca", "desconocida", "desconocido", "senza marca", "sconosciuto", "sem marca", "desconhecida",
     "geen", "geen merk", "onbekend", "okänd", "ukendt", "tuntematon", "neznámá", "bez značky",
     "necunoscut", "άγνωστο", "без марки", "неизвестно", "нет", "няма", "brez blagovne znamke", "nepoznato",
     "nezināms",
     "nobrand", "oem", "other", "brandless", "not branded", "does not apply"}
)  # fmt: skip

# A notice's model field also says "every model" or "see the text" rather than naming one, writes
# "none" in the masculine that "model" takes ("aucun", "nessuno", "ninguno"), or fills the field
# with a mask ("x", "xxx", "0"). Compared lower-cased, as written: a model field is not folded
# (see `parsers.modelnums.clean_model_field`).
MODEL_PLACEHOLDERS = _NONE_WORDS | frozenset(
    {"aucun", "sans", "all", "all models", "see description", "see below", "tbd", "0", "x", "xx", "xxx",
     "n.v.t.", "nessuno", "ninguno"}
)  # fmt: skip

# -- words that say nothing about which product it is ----------------------------------------------

# Function words, in either a notice or a listing: dropped from names on both sides.
STOPWORDS = frozenset(
    "a an and or the of for with without in on at to from by as is are be this that these those it its "
    "your our my all any each per into onto over under up x vs via".split()
)

# How factories and importers list: terms of the trade, minimum orders, lots and tiered prices.
# They say how a product is sold, never which product it is, so a wholesale listing is read as the
# retail one ("Wholesale … MOQ 100 pcs, 1-99 pcs $2.50"): its words are noise, and the quantities
# and prices that go with them are taken out before the listing is read (`TRADE_TERMS`).
TRADE_WORDS = frozenset(
    "wholesale wholesaler wholesalers bulk moq oem odm supplier suppliers distributor dropshipping "
    "dropship lots carton cartons ctn pallet pallets qty quantity quantities minimum order orders "
    "tiered reseller resellers retail".split()
)  # fmt: skip
# A number starts where no digit, point or comma goes before it: tried inside a long run of digits,
# each start would read the run to its end, and a run of thousands took seconds (quadratic).
_QUANTITY = r"(?<![\d.,])\d+(?:[.,]\d+)?\s*(?:pcs|pc|pieces|units|sets|pairs|lots)?"
# A price: a sign before or after the number (a dollar's country before it: "C$30", "US $25",
# "25 €", folded "25 $"), a currency's code or word after it ("35 CAD", "150 kr"), a code before it
# ("CHF 30", "kr. 150"), or what a seller asks ("asking 40"). After a number, only where no number
# follows but a count of units ("<Line> 3 $15" is the line's 3 and a price of 15; "25 € 2 Stück"
# a price and a count), and a currency's word only where nothing but sale talk follows ("<Line> 3
# Euro Plug" is a plug; "20 euros pickup only" a price); before one, set apart, and only the codes
# that are no model's letters ("KR20", "CAD 3" name models).
_CURRENCY_CODES = r"usd|eur|gbp|rmb|cny|cad|aud|nzd|chf|sek|nok|dkk"
_CURRENCY_WORDS = r"euros?|dollars?|quid|bucks|kr"
_CURRENCY_BEFORE = "|".join(code for code in _CURRENCY_CODES.split("|") if code != "cad")
_AMOUNT = r"(?<![\d.,])\d+(?:[.,]\d+)?\s*"
_NO_NUMBER_AFTER = r"(?!\.?\s*\d(?!\d*\s*(?:x|pcs?|pieces|stk|stuck|st|available|left|units?)\b))"
_SALE_TALK_AFTER_A_PRICE = (
    r"obo|ono|ovno|vb|firm|neg|negotiable|each|ea|only|pickup|pick|collection|collect|cash|shipped|"
    r"shipping|posted|postage|delivered|delivery|inc|incl|inkl|including|plus|or|swap|trade|fixed|"
    r"festpreis|abholung|versand"
)
_PRICE = (
    rf"(?:\b(?:us|c|a|au|nz|hk)\s*)?[$€£¥]\s*\d+(?:[.,]\d+)?|{_AMOUNT}[$€£¥]{_NO_NUMBER_AFTER}"
    rf"|{_AMOUNT}(?:{_CURRENCY_CODES})\b{_NO_NUMBER_AFTER}"
    rf"|{_AMOUNT}(?:{_CURRENCY_WORDS})\b{_NO_NUMBER_AFTER}(?!\s+(?!(?:{_SALE_TALK_AFTER_A_PRICE})\b)[a-z])"
    rf"|\b(?:{_CURRENCY_BEFORE}|asking)\s+\d+(?:[.,]\d+)?|\bkr\.\s*\d+(?:[.,]\d+)?"
)
TRADE_TERMS = re.compile(
    rf"\b(?:moq|min(?:imum)?\.?\s*order(?:\s*(?:qty|quantity))?)\s*[:=]?\s*(?:{_QUANTITY})?"
    rf"|\b(?:lots?|cases?|cartons?|ctns?|pallets?|boxes) of {_QUANTITY}"
    rf"|{_QUANTITY}\s*(?:/|per)\s*(?:lot|case|carton|ctn|pallet|box)\b"
    rf"|\b\d+\s*(?:[-~]\s*\d+|\+)\s*(?:pcs|pc|pieces|units|sets)?\s*[:=]?\s*(?:{_PRICE})"
    rf"|{_PRICE}"
)

# Sellers' marketing noise (and the trade's words): left out of listing-side scoring, so "2024 New
# Hot Sale" neither helps nor hurts a match, and a word run together with one
# ("bestsellerstroller") still splits.
MARKETING_NOISE = frozenset(
    "new hot sale free shipping ship ships shipped fast best seller selling premium authentic genuine "
    "original 100 limited stock high quality bulk price great gift factory direct easy install durable "
    "usa us lot deal deals offer discount cheap wholesale brand branded official store top rated "
    "upgraded upgrade latest edition version 2020 2021 2022 2023 2024 2025 2026 2027 pcs pc piece "
    "pieces pack set sets item items product products buy now sold only warranty "
    # second-hand listings' talk about the sale, not the product
    "see description details listing photos pics pictures condition used excellent good great nice "
    "works working perfect clean gently smoke look please read shipped shipping local pickup"
    .split()
) | TRADE_WORDS  # fmt: skip

# Colours and finishes: sellers add the colour of the unit they sell ("Cadence+ - Black", "Nib X -
# Powder Blue"); it says which unit, not which product, so it neither explains a listing nor
# counts against the recall that accounts for the rest.
COLOURS = frozenset(
    # Not the colours that also name products or materials: "light", "charcoal", "silver", "gold".
    "black white red blue green yellow orange purple violet pink grey gray brown beige navy teal "
    "turquoise aqua cyan magenta maroon burgundy ivory khaki matte metallic neon pastel "
    # The same in the languages the marketplace's European sellers write (folded, as read): a
    # colour is no word of the product's name in any of them ("… Rouge", "… Schwarz").
    "noir blanc rouge bleu vert jaune gris schwarz weiss rot blau grun gelb grau negro blanco rojo "
    "azul verde amarillo nero bianco rosso giallo grigio".split()
)

# The names sellers give a unit's colour or finish beyond the plain colours ("… Dresser Rustic
# Oak", "… Stroller Mineral", "… Sleep Sack Dinosaur"): woods, metals, shades and prints. Ending a
# title after the product's type, they say which unit it is, not what other product it is
# (`analysis.NO_OTHER_PRODUCT`). Not among `COLOURS`, which explain a listing: some also name a
# material, and a line may be named by one. Not the shades that are products, scents, flavours or
# fuels too ("sand", "stone", "cream", "lavender", "mint", "charcoal", "graphite", "rainbow").
FINISHES = frozenset(
    "oak walnut cherry maple pine birch teak mahogany espresso chestnut beech cedar rustic natural "
    "chrome brass bronze copper nickel gold silver rose blush storm mineral eclipse midnight slate "
    "sage olive coral taupe mocha pearl champagne tan camel denim indigo lilac onyx floral stripe "
    "striped plaid camo camouflage leopard zebra polka dinosaur".split()
)

# The words that name a tier of a product line after its name ("Veloz Pro", "Arda Max"), as a
# number or a "+" does: a listing naming one the notice never uses names another model of the line.
# Not "mini", "sport" or "xl": those also name a product's type or size ("mini fridge").
TIER_WORDS = frozenset("pro max lite ultra elite".split())

# Words a seller ends a title with to say what comes with the product, not what it is: "Bike
# Basics", "Helmet Bundle". After the notice's type, they leave the product the notice's.
BUNDLE_WORDS = frozenset("basic basics bundle package combo starter essential essentials".split())
# Words any product may be called by, that say nothing of what it is: "… Rope Ascender Device".
ANY_PRODUCT_WORDS = frozenset("gadget gadgets device devices equipment".split())
# Words for any kind of product: a "Stress Ball Toy" is still a ball.
KIND_WORDS = ANY_PRODUCT_WORDS | frozenset("toy toys game games gear".split())

# -- firms -----------------------------------------------------------------------------------------

# Legal-form and corporate words, as name tokens (folded, split at dots): part of a firm's name,
# not of its brand or of what it makes ("Harlan North America", "Norvale Recreational Products
# Inc.": the brand is "Harlan"). The profile leaves them out of a recall's brand words and the
# matcher out of a listing's.
LEGAL_FORMS = frozenset(
    "inc incorporated llc ltd limited co corp corporation company gmbh ag sa sas sarl srl spa bv nv "
    "plc pty pte kg ohg oy ab as aps sl sro kft zoo sp "
    "usa america american north international intl group holdings industries industry trading "
    "manufacturing mfg enterprises imports importer importers distribution distributors".split()
)
# What a firm's name says it makes, beside its legal form: "Quorra Bicycle Components", "Acme
# Cycle Products". Not the brand a seller writes ("Quorra"), so not counted as the part of the
# brand a listing leaves out; in a listing's own words they may be the product ("components").
FIRM_WORDS = LEGAL_FORMS | frozenset("products product components component".split())

# The same legal forms as printed at the end of a firm's name, dotted spellings included ("S.A.R.L.",
# "sp. z o.o."), as a regular-expression alternation: the parsers cut them from firm sentences.
# Only legal forms: "International" or "North America" may be how the firm is known.
LEGAL_FORM_PATTERN = (
    r"inc|incorporated|llc|l\.l\.c|ltd|limited|co|corp|corporation|company|gmbh|mbh|ag|kg|se|sa|s\.a|sas|"
    r"s\.a\.s|sarl|s\.a\.r\.l|srl|s\.r\.l|spa|s\.p\.a|bv|b\.v|nv|n\.v|pty|plc|pte|oy|oyj|ab|a/s|as|aps|"
    r"lp|l\.p|llp|kft|zrt|sro|s\.r\.o|sp\. z o\.o|sp z oo|ltda|s\.l|sl|kk|k\.k"
)

# -- synonyms --------------------------------------------------------------------------------------

# Everyday synonyms and regional spellings, mapped to one canonical word on both sides (after
# stemming), so a British "pushchair" listing meets an American "stroller" notice.
SYNONYMS = {
    "bike": "bicycle", "bicycl": "bicycle", "ebike": "ebicycle", "pram": "stroller",
    "pushchair": "stroller", "buggy": "stroller", "cot": "crib", "nappy": "diaper",
    "dummy": "pacifier", "soother": "pacifier", "binky": "pacifier", "tv": "television",
    "telly": "television", "sweater": "jumper", "pullover": "jumper", "sneaker": "trainer",
    "couch": "sofa", "torch": "flashlight", "lorry": "truck", "cellphone": "phone",
    "mobile": "phone", "smartphone": "phone", "kid": "child", "children": "child", "childs": "child",
    "infant": "baby", "babie": "baby", "toddler": "baby", "newborn": "baby", "colour": "color",
    "motorbike": "motorcycle", "hoverboard": "hoverboard", "onesie": "bodysuit", "romper": "bodysuit",
    "jacket": "jacket", "coat": "jacket", "hoodie": "sweatshirt", "bassinette": "bassinet",
    "highchair": "highchair", "carseat": "carseat", "dresser": "chest", "bureau": "chest",
    "women": "woman", "men": "man", "ladies": "woman", "lady": "woman", "mens": "man", "womens": "woman",
    "pyjama": "pajama", "pajamas": "pajama", "pyjamas": "pajama", "pj": "pajama", "pjs": "pajama",
    "aluminium": "aluminum",
    "heater": "heater", "adaptor": "adapter", "lamp": "light", "lite": "light",
    # British spellings of products and materials, as the American ("… Tyre", "Carbon Fibre").
    "tyre": "tire", "fibre": "fiber", "jewellery": "jewelry", "mould": "mold", "cosy": "cozy",
    # Plurals in "-ves" the stemmer leaves as "-ve": "knives", "shelves", "scarves"; and those of
    # products in "-ie" it makes "-y" ("hoodies", "onesies", "beanies"), as it does "babies". Not
    # a rule for every "-ie": it would make names one with common words ("Toastie", "toasty").
    "knive": "knife", "shelve": "shelf", "scarve": "scarf", "hoody": "sweatshirt", "onesy": "bodysuit",
    "beany": "beanie", "nighty": "nightie", "booty": "bootie", "neckty": "necktie",
    "bowty": "bowtie", "walky": "walkie", "talky": "talkie", "scrunchy": "scrunchie", "goaly": "goalie",
    "cooky": "cookie",
}  # fmt: skip

# -- sizes and units -------------------------------------------------------------------------------

# The units a child's age or a unit's is written in ("3 Years", "18 mos").
AGE_UNITS = frozenset("year years yr yrs month months mo mos".split())

# Sizes written as words ("Beach Towel Large", "(XXL)"): which size of the product, never which
# product. A line's last word that is one is no type (`scoring._a_line_s_type`, which adds "mini",
# "maxi", "xxxl"); a bracket after a code holding only these names no model (`scope`, which adds
# ages and bed sizes).
SIZE_WORDS = frozenset("small medium large xl xxl".split())
# A size as a title ends in it ("… Climbing Harness M", "… Helmet L"): read there only, as a
# bracketed letter elsewhere may name a model ("<Line> (M)").
SIZE_LETTERS = frozenset("xs s m l".split())

# Words that say the number beside them counts or sizes the product, not which model it is
# ("Pack of 20", "135 Count", "Size 11", "Lot 12"): a listing's "11" after one is no spelled
# name (`analysis`), and an enumerated item's number beside one no model's (`scope`).
COUNT_WORDS = frozenset(
    "size sizes sz pack packs set sets lot count ct pc pcs piece pieces box boxes".split()
)

# Numbers a product's name may spell out ("Tarvo Source Eleven"), which a seller writes in digits:
# a listing's "11" is read as "eleven" too. Only eleven to nineteen: notices write "two", "ten",
# "twenty" as counts and sizes, and reading those too moved the matches of some fifty labelled
# listings without a decision for the better.
SPELLED_NUMBERS = dict(
    zip(
        map(str, range(11, 20)),
        "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(),
        strict=True,
    )
)

# Units after which a number is a size, a rating or a count, not a model: "24in", "3.5mm", "12v",
# "3-pack". Both the notices' model-number scanner and the listing's code reader know these.
_SIZE_UNITS = frozenset(
    "in inch inches ft feet cm mm m l ml oz lb lbs kg g v volt w watt mah wh hp cc gb tb pc pcs pk pack "
    "piece pieces pt way in1 yr mo".split()
)

# The notices' scanner (`parsers.modelnums`) also knows the technical units, ratings and clothing
# sizes notices print ("120VAC", "1500W", "60Hz", "2XL"). Matched ignoring case.
UNITS = _SIZE_UNITS | frozenset(
    "vac vdc volts kv watts kw mw kwh ah a amp amps ma hz khz mhz ghz km foot yd yds mi floz mg mcg µg "
    "cl dl ltr liter liters litre litres gal qt psi bar mph kph kmh rpm db lm lumen lumens k p mp mb kb "
    "ct packs count ply ga gauge awg fl usb port ports x c hr hrs min mins sec secs yrs mos wk wks "
    "xs xl xxl xxxl wd btu btus cfm gpm".split()
)

# Single letters that are a unit only after a small number: "2T" (toddler), "3D", "24h", "10s";
# "445T" is a treadmill.
SHORT_UNITS = frozenset("t d h s y".split())

# A unit written as a word of its own after a number ("12 volt", "3 drawers", "2 years"): the
# number before it is a quantity. "a" and "in" are ordinary words here. The plural forms "amps",
# "liters", "litres", "lumens" (and "amp", "lumen") have never been in this list, unlike their
# neighbours: adding them is a parser change, to be measured on its own.
UNIT_WORDS = (UNITS - {"a", "in", "amp", "amps", "liters", "litres", "lumen", "lumens"}) | frozenset(
    "pound pounds ounce ounces inch inches volt volts watt watts meter meters metre metres liter litre "
    "gallon gallons quart quarts years year months month weeks days hours percent units sets degrees "
    "seater person people speed speeds wheel wheels piece pieces pack drawer drawers mph lb lbs".split()
)

# The units of a product's size as names and descriptions print them ("50-inch", "26 in.", "120 cm",
# "6-Quart", "1.7 L", "7-port"), by what they measure: a listing's number in one is the notice's
# size only in the same measure (`out_of_scope._a_size_the_notice_gives`). Not a quotation mark: it
# closes a quoted name as often ("The name \"Tarvo 10.0\" appears on …"). Nor "in" without its dot:
# "2 in 1", "50 in stores". Nor a weight: what a product holds or lifts ("a capacity of 10 to 90
# pounds") is no size it is sold by.
UNITS_BY_MEASURE = {
    "length": "inch inches in. ″ ft foot feet cm mm".split(),
    "capacity": "quart quarts qt liter liters litre litres l ml gallon gallons gal oz ounce ounces pint "
    "pints cup cups".split(),
    "count": "port ports speed speeds wick wicks count ct burner burners slice slices outlet outlets drawer "
    "drawers tier tiers".split(),
    "power": "w watt watts".split(),
}

# A listing's sizes: the units above, and what sellers count ("5-point", "2-seater", "3-tier",
# "4-in-1", "3-drawer"), ages ("2-year") and ordinals ("5th"). A listing word ending in one is a
# size, not a model another than the recall's.
LISTING_SIZE_SUFFIXES = _SIZE_UNITS | frozenset(
    "point drawer seat seater person speed tier layer light year month in-1 s th st nd rd".split()
    # Ratings a product's specification states ("37dB", "1200lm", "60Hz", "3000psi", "9,000 BTU"):
    # what the model does, not which model it is.
    + "db dba hz khz mhz psi rpm lm lumen lumens mph kph kw kwh ah vac vdc volts watts btu btus".split()
)

# -- model numbers -----------------------------------------------------------------------------------

# A standard a product meets or a connection it has, named before its version ("Bluetooth 5.3",
# "BT 5.0", "USB 3.0", "Wi-Fi 6"): the number is the standard's, not the product's model. Written
# without hyphens: callers read "Wi-Fi" as "wifi".
STANDARD_NAMES = frozenset("bluetooth bt usb wifi hdmi".split())

# Words that introduce model numbers in a notice ("Model 4340", "SKU 1017", "Item No. 22").
MODEL_CUE_HEADS = frozenset(
    "model models item items style styles sku skus part parts cat catalog catalogue article art product "
    "ref reference stock".split()
)
# Of those, the heads that need a number word after them to be a cue: "item 4" is a count,
# "item number 4" a model.
WEAK_CUE_HEADS = MODEL_CUE_HEADS - frozenset("model models style styles sku skus".split())
# The number words that follow a cue head ("model number", "item no.", "style code").
NUMBER_WORDS = frozenset("number numbers no nos nr num code codes id ids".split())

# Words after which a listing's number is a model number, even an all-digit one ("model 4341",
# "item # 2806"): sellers write the cue in their own language ("Modell", "modelo") and abbreviate.
LISTING_MODEL_CUES = frozenset(
    "model models mod modell modelo item style sku part ref type no nr number #".split()
)

# The heads of a list of the units a notice covers one by one ("lot numbers L2301, L2302", "batch
# 2403A", "serial numbers 1505000 through 1710999"), and of the unit code a listing states ("lot
# no. L2302", "S/N 4410"): a unit's code, never a model's. "Lot of 2" states a count.
UNIT_CODE_HEADS = frozenset({"serial", "serials", "s/n", "sn", "lot", "lots", "batch", "batches"})

# -- codes that are no model ----------------------------------------------------------------------

# Technology, chemistry and standard names shaped like model numbers ("MP3", "CR2032", "EN1078"),
# and the ratings a product states ("SPF50", "UV400", "HD1080"). A "BR" coin cell has four digits.
_GENERIC_CODES = re.compile(
    r"^(?:mp[34]|[2-8]k|[1-5]g|[234]d|[24]wd|4x4|covid-?19|sars-cov-2|h1n1|h2o|co2|no2|so2|pm2\.5|pm10|"
    r"b(?:6|12)|ip[x0-9]\d|cat[5-8]e?|usb[23](?:\.\d)?|hdmi2(?:\.\d)?|i[3579]|"
    r"(?:cr|lr|sr|ag|lir)\d{2,4}|br\d{4}|(?:aa|aaa|9v)|18650|21700|uv\d{3}|upf\d{2,3}|hd(?:720|1080)|"
    r"e(?:10|11|12|14|17|26|27|39|40)|gu(?:10|24)|mr1[16]|t(?:5|8|12)|a(?:19|21)|br(?:30|40)|par(?:20|30|38)|"
    r"di2|spf\d{1,3}|psa\d{1,3}|en\d{2,5}|un38\.3|v\d+(?:\.\d+)+|n95|kn95|ffp[1-3]|q[1-4]|fy\d{2,4}|"
    r"gen[1-9]|type-?[1-9]|class-?[1-9])$",
    re.IGNORECASE,
)


def is_generic_code(token: str) -> bool:
    """A technology, chemistry or standard name ("CR2032", "EN1078", "MP3"): never a model in
    free text (`parsers.modelnums`), but a model field that gives one as the model (some notices'
    do) is taken at its word, as a code the profile does not count as distinctive
    (`profile._distinctive`): it names the product only beside the brand."""
    return bool(_GENERIC_CODES.match(token.strip(".-")))


# -- accessories -------------------------------------------------------------------------------------

# Parts as sellers write them in German, French, Spanish and Dutch (folded), and the English word
# each is: "Ladegerät für …" is a charger. Not the German "Akku", which opens a cordless tool's
# name as often ("Akku Staubsauger").
FOREIGN_PARTS = {
    "ladegerat": "charger",
    "ersatzakku": "battery",
    "hulle": "case",
    "tasche": "bag",
    "halterung": "mount",
    "ersatzteil": "part",
    "ersatzteile": "part",
    "zubehor": "accessory",
    "chargeur": "charger",
    "housse": "cover",
    "etui": "case",
    "batterie": "battery",
    "cargador": "charger",
    "funda": "cover",
    "bateria": "battery",
    "soporte": "mount",
    "repuesto": "part",
    "accesorio": "accessory",
    "accesorios": "accessory",
    "oplader": "charger",
    "hoes": "cover",
}

# What an accessory is, when a listing names the product it is for ("charger for …", "case
# compatible with …"): a regular-expression alternation, read on folded text.
ACCESSORY_NOUNS = (
    "case|cases|cover|covers|charger|chargers|charging|cable|cables|cord|adapter|adaptor|manual|instructions?|"
    "strap|straps|mount|mounts|holder|holders|bag|bags|carrying|skin|skins|protector|battery|batteries|part|"
    "parts|replacement|spare|accessory|accessories|decals?|stickers?|sheets?|cushions?|pads?|liners?|remote|"
    "bulbs?|filters?|blades?|canopy|insert|inserts|keychain|poster|book|guide|kit|tyres?|tires?|tubes?|hooks?|"
    "brackets?|screws?|knobs?|handles?|wheels?|lights?|lamps?|seat cover|rain cover|storage|"
    "attachments?|mudguards?|fenders?|baskets?|tape|lids?|"
) + alternation(FOREIGN_PARTS)
# Words saying a listing's product is sold as a part, not what the part is ("replacement charger").
SOLD_AS_A_PART = frozenset("replacement spare part parts accessory accessories kit".split())

# Whom a product is made for: "… Earbuds Kids", "… High Chair Baby", "… Pedals Women" say who uses
# the product, and name no product of their own.
PEOPLE_WORDS = frozenset(
    "kid kids child children baby babies toddler toddlers infant infants boy boys girl girls man men "
    "woman women adult adults teen teens youth youths junior juniors".split()
)
# Who a product is for, after "for": "… with lights for kids" names its users, not the product it
# is an accessory of. A regular-expression alternation, read on folded text.
FOR_PEOPLE = alternation(
    PEOPLE_WORDS
    | frozenset("him her mom dad parent parents everyone beginner beginners home indoor outdoor".split())
)
# Nor do the rooms, places and occasions it is for, when nothing but such words follows up to the
# title's next break ("Floor Lamp for Living Room, …", "Tent Light for Hurricane, Emergency"; not
# "Cover for Patio Heater"). A regular-expression alternation, read on folded text.
FOR_PLACES = alternation(
    frozenset(
        "living room rooms bedroom bedrooms kitchen bathroom office desk nursery dorm garage garden patio "
        "yard camping travel traveling travelling hiking beach pool party parties christmas birthday "
        "halloween emergency emergencies hurricane hurricanes power outage outages school gym everyday "
        "daily use".split()
    )
)
# What a product is like, as sellers end a title with it ("… Earbuds Waterproof", "… Helmet DOT"): no
# product's name. The safety marks it carries among them.
PROPERTY_WORDS = frozenset(
    "waterproof weatherproof wireless cordless lightweight organic plus dot ul astm".split()
)
# A word that says how the product is or what it does ("Reclining", "Foldable", "Padded"), not
# another product.
DESCRIBING = re.compile(r"(?:.{3}ing|able|ible|.{2}ed|less|ful|ous)$")


# Sizes, counts and quantities look like codes but name no model: "24-inch", "5-point", "12V", "3-pack".
_MEASURE = re.compile(
    rf"^\d+(?:[.,]\d+)?(?:-\d+(?:[.,]\d+)?)?-?(?:{alternation(LISTING_SIZE_SUFFIXES)}|x\d+)$"
    r"|^(?:19|20)\d\d(?:-(?:19|20)?\d\d)?$"  # a year or a range of years ("model year 2021-2025")
)


def measure_like(word: str) -> bool:
    """Whether a (folded) word is a size, count, quantity or year rather than a model's name."""
    return _MEASURE.match(word) is not None
