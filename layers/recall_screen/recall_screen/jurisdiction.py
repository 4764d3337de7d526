"""Where a regulator has a say: a recall applies only to listings shipped there."""

from __future__ import annotations

US_AND_TERRITORIES = frozenset({"US", "PR", "GU", "VI", "AS", "MP", "UM"})
EU_MEMBERS = frozenset(
    {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
     "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
)  # fmt: skip
EEA = EU_MEMBERS | {"IS", "LI", "NO"}

# ISO 3166-1 alpha-2, plus "UK" (GB's common spelling) and "XK" (Kosovo, user-assigned but in use).
ISO_COUNTRIES = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
    BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
    EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
    HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
    LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
    NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW UK XK
    """.split()
)

# Regulators whose reach is fixed by law, whatever their files say. Keys are folded source names.
_SOURCE_REACH: dict[str, frozenset[str]] = {
    "cpsc": US_AND_TERRITORIES,
    "eu safety gate": EEA,
    "safety gate": EEA,
    "rapex": EEA,
    "uk opss": frozenset({"GB", "UK"}),
    "opss": frozenset({"GB", "UK"}),
    "health canada": frozenset({"CA"}),
    "accc": frozenset({"AU"}),
    "product safety nz": frozenset({"NZ"}),
}

# Codes a generic file may use for a group of countries.
_GROUPS = {"EU": EEA, "EEA": EEA, "US": US_AND_TERRITORIES, "UK": frozenset({"GB", "UK"})}


def expand(codes: list[str]) -> frozenset[str]:
    """ISO codes and group names ("EU") to the set of countries they cover."""
    out: set[str] = set()
    for code in codes:
        code = code.strip().upper()
        if code:
            out |= _GROUPS.get(code, {code})
    return frozenset(out)


def reach(source: str, jurisdictions: list[str]) -> frozenset[str]:
    """The countries where a recall from `source` applies. The file's own `jurisdictions` win
    when given; otherwise the regulator's legal reach. An empty set means unknown: the recall
    is applied everywhere rather than silently nowhere."""
    if jurisdictions:
        return expand(jurisdictions)
    return _SOURCE_REACH.get(" ".join(source.lower().split()), frozenset())


def applies(countries: frozenset[str], ship_to: str | None) -> bool:
    if ship_to is None or not countries:
        return True
    return ship_to.upper() in countries or (ship_to.upper() == "UK" and "GB" in countries)
