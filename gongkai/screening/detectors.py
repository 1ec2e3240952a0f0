"""The detectors: one pass over a text reporting personal data, secrecy markings, sensitive words and wrong expressions.

`scan(text)` returns `Detection`s sorted by position, with exact character offsets (`text[start:end] == d.text`).
Rules that keep ordinary numbers out (see docs/screening.md for the full list):
- a number is only considered when it stands alone: a digit or ASCII letter, `*`/`＊`/`×` (a mask), `@` or `_`
  right beside it, or `-`, `/`, `.` followed by more digits or letters, make it part of something longer (masked values,
  index numbers 000014349/2017-00110, document numbers, landlines 0898-92763640, decimals, e-mail local parts);
- an ID number needs a province code, a real birth date and the GB 11643 check character;
- an 18-digit number that looks like an ID number but has a wrong check digit is neither an ID nor a bank card.
"""

import re
from dataclasses import asdict, dataclass

from . import identifiers
from .kinds import Kind, Severity
from .texts import cached_gettext as _
from .texts import language_fixed


@dataclass(slots=True)  # not frozen: a frozen dataclass is noticeably slower to build, and scans build many
class Detection:
    kind: str
    severity: str
    start: int
    end: int
    text: str
    suggestion: str
    message: str
    rule: str

    def as_dict(self) -> dict:
        return asdict(self)


# Numbers are found in two cheap passes instead of one clever regex (measured 3× faster, see docs/screening.md):
# runs of 11+ digits/letters, and groups written with spaces or hyphens (138 1234 5678, 6222 0212 3456 7890).
RUN = re.compile(r"[0-9][0-9A-Za-z]{10,}", re.ASCII)
GROUP_SEPARATORS = re.compile(r"[ \-][0-9]{4}[ \-][0-9]{4}", re.ASCII)
GROUPED = re.compile(r"(?:\+?86[ \-]?)?[0-9]{3,4}(?:[ \-][0-9]{4}){2,3}(?:[ \-][0-9]{1,3})?(?![0-9])", re.ASCII)
PHONE_PREFIX = re.compile(r"(?:\+86[ \-]?|86[ \-])\Z", re.ASCII)
ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
GLUE_ALWAYS = frozenset("*＊×@_")  # beside a mask, inside an e-mail or an identifier
GLUE_BETWEEN = frozenset("-/.．－")  # joins two alphanumeric parts: 2017-00110, 000014349/2017, 3.14
ID_KEYWORDS = ("身份证", "证件号", "身份号码", "证号")
NOT_PERSONAL_KEYWORDS = ("信用代码", "索引号", "机构代码", "文号")
HOUSE_UNITS = "号栋幢单室组"
DIGITS = frozenset("0123456789")

EMAIL_LOCAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}\Z", re.ASCII)
EMAIL_DOMAIN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,24}", re.ASCII
)

SECRET = re.compile(
    r"""
    (?P<starred>[★☆]\s?(?:绝密|机密|秘密)(?:\s?[★☆])?
        |(?:绝密|机密|秘密)级?\s?[★☆](?:\s?(?:启用前|长期|[0-9０-９一二三四五六七八九十]{1,3}\s?(?:年|个月)))?)
    |(?P<labelled>密\s?级\s?[:：]?\s?(?:绝密|机密|秘密))
    |(?P<bare>绝密|机密|秘密)
    """,
    re.VERBOSE,
)
LINE_WINDOW = 200  # a marking is "alone on its line" when nothing else stands within this many characters

PLACE_WORDS = re.compile(r"(?:路|街|大道|大街|巷|弄|胡同|里|村|屯|庄|社区|小区|花园|新村|公寓|家园|苑|园|大厦|广场)")
ADDRESS_BODY = re.compile(r"[\u4e00-\u9fff0-9\-－#]{0,30}\Z")
ADDRESS_TAIL = re.compile(
    r"(?:[0-9]+(?:号楼|号院|号|栋|幢|单元|层|楼|室|组)|[\-－][0-9]+|之[0-9一二三四五六七八九十]+)+"
)
RESIDENCE_MARKERS = re.compile(r"(?:家住|现住|住址[:：]?|地址[:：]?|居住在|住在|户籍地|住)")
SURNAMES = (
    "欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|令狐|长孙|宇文|夏侯|端木|"
    "[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文"
    "牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛"
    "曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席"
    "卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻迟邝]"
)
PERSON_NAME = re.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff]))(?:" + SURNAMES + r")[\u4e00-\u9fff]{1,2}?(?=[^\u4e00-\u9fff]|家住|现住|住|$)"
)


def scan(text: str, *, lexicon=None, kinds=None) -> list[Detection]:
    """Every finding in `text`, sorted by start offset. `lexicon` defaults to the current managed lexicon."""
    if lexicon is None:
        from .lexicon import current_lexicon

        lexicon = current_lexicon()
    detections: list[Detection] = []
    with language_fixed():
        _scan_numbers(text, detections)
        _scan_emails(text, detections)
        _scan_secret_markings(text, detections)
        detections.extend(lexicon.scan(text))
    if kinds is not None:
        detections = [detection for detection in detections if detection.kind in kinds]
    detections.sort(key=lambda detection: (detection.start, -detection.end, detection.kind))
    return detections


def _stands_alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before in ALNUM or after in ALNUM or before in GLUE_ALWAYS or after in GLUE_ALWAYS:
        return False
    if before and before in GLUE_BETWEEN and start >= 2 and text[start - 2] in ALNUM:
        return False
    return not (after and after in GLUE_BETWEEN and end + 1 < len(text) and text[end + 1] in ALNUM)


def _preceded_by(text: str, start: int, keywords, window: int = 12) -> bool:
    before = text[max(0, start - window) : start]
    return any(keyword in before for keyword in keywords)


FULLWIDTH = re.compile("[０-９]")
# Full-width digits, letters and signs (typed with a Chinese input method) map one-to-one to ASCII, so offsets
# found in the translated text are offsets in the original.
TO_ASCII = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " ", "\u2014": "-", "\u2013": "-"}
)


def _scan_numbers(text: str, detections: list[Detection]) -> None:
    if FULLWIDTH.search(text) is None:
        _scan_ascii_numbers(text, detections)
        return
    found: list[Detection] = []
    _scan_ascii_numbers(text.translate(TO_ASCII), found)
    for detection in found:
        original = text[detection.start : detection.end]
        if original != detection.text:
            from .masking import MASKERS

            masker = MASKERS.get(detection.kind)
            detection.text = original
            detection.suggestion = masker(original) if masker else detection.suggestion
        detections.append(detection)


def _scan_ascii_numbers(text: str, detections: list[Detection]) -> None:
    for match in RUN.finditer(text):
        start, end = match.span()
        run = match.group()
        if end - start == 11 and identifiers.is_mobile_number(run):
            prefix = PHONE_PREFIX.search(text, max(0, start - 4), start)
            if prefix is not None:
                start = prefix.start()
        elif end - start == 13 and start and text[start - 1] == "+" and run.startswith("86"):
            start -= 1
        if _stands_alone(text, start, end):
            detection = _classify_run(text, start, end, run)
            if detection is not None:
                detections.append(detection)
    _scan_grouped_numbers(text, detections)
    _scan_house_numbers(text, detections)


def _scan_grouped_numbers(text: str, detections: list[Detection]) -> None:
    covered_until = -1
    for separators in GROUP_SEPARATORS.finditer(text):
        if separators.start() < covered_until:
            continue
        window_start = max(0, separators.start() - 8)
        for match in GROUPED.finditer(text, window_start, min(len(text), separators.end() + 20)):
            start, end = match.span()
            if not start <= separators.start() < end:
                continue
            covered_until = end
            if not _stands_alone(text, start, end):
                break
            digits = "".join(char for char in match.group() if char.isdigit())
            national = digits[2:] if match.group().lstrip("+").startswith("86") and len(digits) == 13 else digits
            if len(national) == 11 and identifiers.is_mobile_number(national):
                detections.append(_mobile(text, start, end))
            elif identifiers.is_bank_card_number(digits):
                detections.append(_bank_card(text, start, end))
            break


def _scan_house_numbers(text: str, detections: list[Detection]) -> None:
    """Detailed addresses are anchored on a house number: digits followed by 号/栋/幢/单元/室/组."""
    covered_until = -1
    for unit in HOUSE_UNITS:
        position = text.find(unit)
        while position != -1:
            if position > covered_until and position and text[position - 1] in DIGITS:
                number_start = position - 1
                while number_start and text[number_start - 1] in DIGITS:
                    number_start -= 1
                address = _address_at(text, number_start)
                if address is not None and not any(
                    d.kind == Kind.ADDRESS and d.start <= address.start < d.end for d in detections
                ):
                    detections.append(address)
                    covered_until = address.end
            position = text.find(unit, position + 1)
        covered_until = -1


def _classify_run(text: str, start: int, end: int, run: str) -> Detection | None:
    """`run` is the bare digits and letters; [start, end) may also cover a +86 prefix written before them."""
    length = len(run)
    if length == 18 and identifiers.looks_like_id_number(run):
        if identifiers.is_valid_id_number(run) and not _preceded_by(text, start, NOT_PERSONAL_KEYWORDS):
            return _id_card(text, start, end, legacy=False)
        return None  # a wrong check digit: not an ID number, and not a card number either
    if not run.isdigit():
        return None
    if length == 11 and identifiers.is_mobile_number(run):
        return _mobile(text, start, end)
    if length == 13 and run.startswith("86") and identifiers.is_mobile_number(run[2:]):
        return _mobile(text, start, end)
    if length == 15 and identifiers.is_legacy_id_number(run) and _preceded_by(text, start, ID_KEYWORDS):
        return _id_card(text, start, end, legacy=True)
    if identifiers.is_bank_card_number(run) and not _preceded_by(text, start, NOT_PERSONAL_KEYWORDS):
        return _bank_card(text, start, end)
    return None


def _id_card(text: str, start: int, end: int, *, legacy: bool) -> Detection:
    from .masking import mask_id_number

    value = text[start:end]
    return Detection(
        kind=Kind.ID_CARD,
        severity=Severity.BLOCK,
        start=start,
        end=end,
        text=value,
        suggestion=mask_id_number(value),
        message=_("公民身份号码属于个人隐私，公开前必须去标识化，只保留前2位和后3位。")
        if not legacy
        else _("疑似15位老身份证号码（前有“身份证”字样），公开前必须去标识化。"),
        rule="id_card.legacy15" if legacy else "id_card.gb11643",
    )


def _mobile(text: str, start: int, end: int) -> Detection:
    from .masking import mask_mobile

    value = text[start:end]
    return Detection(
        kind=Kind.MOBILE,
        severity=Severity.BLOCK,
        start=start,
        end=end,
        text=value,
        suggestion=mask_mobile(value),
        message=_("个人手机号码属于个人隐私，公开时应隐去中间四位；如确为单位公开的办公电话，请审核人确认后接受。"),
        rule="mobile.segment",
    )


def _bank_card(text: str, start: int, end: int) -> Detection:
    from .masking import mask_bank_card

    value = text[start:end]
    return Detection(
        kind=Kind.BANK_CARD,
        severity=Severity.BLOCK,
        start=start,
        end=end,
        text=value,
        suggestion=mask_bank_card(value),
        message=_("疑似银行卡号（位数与 Luhn 校验相符），不得公开，公开时只保留后4位。"),
        rule="bank_card.luhn",
    )


def _scan_emails(text: str, detections: list[Detection]) -> None:
    position = text.find("@")
    previous_end = 0
    while position != -1:
        local = EMAIL_LOCAL.search(text, max(previous_end, position - 64), position)
        domain = EMAIL_DOMAIN.match(text, position + 1)
        # A local part glued to an "@" or a mask before it is the tail of something else (a@b.cc@d.cn, z***@…).
        if local and local.start() and text[local.start() - 1] in "@*＊":
            local = None
        if local and domain:
            previous_end = domain.end()
            start, end = local.start(), domain.end()
            value = text[start:end]
            from .masking import mask_email

            detections.append(
                Detection(
                    kind=Kind.EMAIL,
                    severity=Severity.WARN,
                    start=start,
                    end=end,
                    text=value,
                    suggestion=mask_email(value),
                    message=_("电子邮箱地址：如为个人邮箱应隐去；单位公开的工作邮箱可确认后接受。"),
                    rule="email.address",
                )
            )
            position = text.find("@", end)
        else:
            position = text.find("@", position + 1)


def _line_bounds(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before and after the span on its own line, looking at most LINE_WINDOW characters either way."""
    window_start = max(0, start - LINE_WINDOW)
    line_start = max(text.rfind("\n", window_start, start), text.rfind("\f", window_start, start), window_start - 1) + 1
    window_end = min(len(text), end + LINE_WINDOW)
    line_end = min(
        i if i != -1 else window_end for i in (text.find("\n", end, window_end), text.find("\f", end, window_end))
    )
    return text[line_start:start], text[end:line_end]


def _scan_secret_markings(text: str, detections: list[Detection]) -> None:
    """Every marking contains 密, so the regex only runs in a small window around each 密 found by str.find."""
    covered_until = 0
    position = text.find("密")
    while position != -1:
        match = SECRET.search(text, max(covered_until, position - 4), min(len(text), position + 16))
        if match is None or match.start() > position:
            position = text.find("密", position + 1)
            continue
        covered_until = match.end()
        _report_secret(text, match, detections)
        position = text.find("密", covered_until)


def _report_secret(text: str, match: re.Match, detections: list[Detection]) -> None:
    start, end = match.span()
    value = match.group()
    if match.lastgroup in ("starred", "labelled"):
        detections.append(_secret(start, end, value, Severity.BLOCK, "secret_marking.starred"))
        return
    if value != "绝密" and start and not text[start - 1].isspace():
        return  # 机密/秘密 inside a sentence (商业秘密、国家秘密、秘密投票) is an ordinary word
    before, after = _line_bounds(text, start, end)
    standalone = not before.strip() and (not after.strip() or after.lstrip()[:1] in "级（(：:")
    if standalone:
        detections.append(_secret(start, end, value, Severity.BLOCK, "secret_marking.heading"))
    elif value == "绝密":
        detections.append(_secret(start, end, value, Severity.WARN, "secret_marking.top_secret_word"))


def _secret(start: int, end: int, value: str, severity: str, rule: str) -> Detection:
    return Detection(
        kind=Kind.SECRET_MARKING,
        severity=severity,
        start=start,
        end=end,
        text=value,
        suggestion=_("涉密信息不得公开：请撤下该内容并交保密审查员处理。"),
        message=_("出现国家秘密密级标识，按《保守国家秘密法》和《政府信息公开条例》第十四条，涉密信息不予公开。")
        if severity == Severity.BLOCK
        else _("出现“绝密”字样，请确认内容不涉及国家秘密。"),
        rule=rule,
    )


def _address_at(text: str, number_start: int) -> Detection | None:
    """A detailed address whose house number starts at `number_start`, reported only when a name stands next to it."""
    window_start = max(0, number_start - 60)
    line_start = max(text.rfind("\n", window_start, number_start), text.rfind("\f", window_start, number_start)) + 1
    line_start = max(line_start, window_start)
    cell_start = max(line_start, text.rfind("\t", line_start, number_start) + 1)
    body = ADDRESS_BODY.search(text, max(cell_start, number_start - 30), number_start)
    if body is None:
        return None
    head_start = body.start()
    head = text[head_start:number_start]
    marker_end = 0
    for marker in RESIDENCE_MARKERS.finditer(head):
        marker_end = marker.end()
    address_start = head_start + marker_end
    if not PLACE_WORDS.search(text, address_start, number_start):
        return None
    tail = ADDRESS_TAIL.match(text, number_start)
    address_end = tail.end() if tail else number_start
    name_zone_start = max(line_start, address_start - 20)
    name = None
    for candidate in PERSON_NAME.finditer(text, name_zone_start, address_start):
        name = candidate
    if name is None:
        return None
    from .masking import mask_address

    value = text[address_start:address_end]
    return Detection(
        kind=Kind.ADDRESS,
        severity=Severity.WARN,
        start=address_start,
        end=address_end,
        text=value,
        suggestion=mask_address(value),
        message=_("“%(name)s”旁出现详细住址，公开的名单中住址只应写到乡（镇）、街道或村（社区）。")
        % {"name": name.group()},
        rule="address.beside_name",
    )
