"""Detailed home addresses next to a person's name (a warning: lists should stop at the township or street)."""

import re

from ..kinds import Kind, Severity
from ..masking import mask_address
from ..texts import cached_gettext as _
from .base import Detection

HOUSE_UNITS = "号栋幢单室组"

DIGITS = frozenset("0123456789")

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


def scan_house_numbers(text: str, detections: list[Detection]) -> None:
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
