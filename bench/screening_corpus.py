"""Corpus and lexicon generators for the screening benchmark (no `main`: the runner skips this module).

The corpus is realistic notice text (公示、通知、名单) with planted identifiers — valid ID numbers, mobiles and
card numbers, plus the traps that must not be reported (masked values, credit codes, index and document numbers,
dates, long serial numbers). It is generated into var/bench/ and never committed.
"""

import random
from pathlib import Path

from gongkai.orgs.codes import credit_code_check_char
from gongkai.screening.identifiers import id_check_char, passes_luhn

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧建国平刚桂兰玉梅志红霞春燕文波辉鹏飞云龙凤琴"
VILLAGES = ["新河村", "幸福村", "东风社区", "柳树湾村", "石桥村", "青溪社区", "红星村", "桃源村"]
TOWNS = ["青溪镇", "东风街道", "柳湾镇", "石门乡", "新城街道"]
ORGS = ["区民政局", "区财政局", "区人社局", "区住建局", "区卫健委", "区农业农村局", "区医保局", "区应急管理局"]
TOPICS = ["城乡低保", "特困人员救助供养", "临时救助", "高龄津贴", "耕地地力保护补贴", "农村危房改造", "就业补助资金"]
PARAGRAPHS = [
    "根据《社会救助暂行办法》（国务院令第649号）和《{org}关于进一步做好{topic}工作的通知》（青民发〔{year}〕{num}号）"
    "要求，经村（居）民委员会初审、乡镇人民政府（街道办事处）审核，现将{year}年{month}月{topic}审核结果予以公示。",
    "公示期为{year}年{month}月{day}日至{year}年{month}月{day2}日，共7个工作日。公示期间，如有异议，请向{town}社会事务办"
    "或{org}反映，监督电话：0571-8{tel}，来信来访请注明索引号{index}。",
    "一、基本情况。{year}年全区共发放{topic}资金{amount}万元，惠及{count}户{people}人，资金通过“一卡通”系统直接发放到户。",
    "二、工作要求。各乡镇（街道）要严格按照政策规定，规范审核审批程序，做到应保尽保、应退尽退，严禁优亲厚友、人情保。",
    "三、保密要求。依法保护申请人的个人隐私和商业秘密，公示内容不得包含完整的身份证号码、银行账号和家庭详细住址。",
    "发布机构：{org}　统一社会信用代码：{credit}　成文日期：{year}-{month:02d}-{day:02d}　"
    "文号：青民发〔{year}〕{num}号",
]
PROSE = [
    "为深入贯彻落实党中央、国务院关于{topic}工作的决策部署，进一步提升基本公共服务水平，结合我区实际，制定本方案。",
    "各乡镇人民政府、街道办事处，区政府各部门：现将《{org}{year}年{topic}工作要点》印发给你们，请认真抓好落实。",
    "坚持以人民为中心的发展思想，聚焦群众急难愁盼问题，着力补短板、强弱项、提品质，推动{topic}工作高质量发展。",
    "{year}年，全区累计投入资金{amount}万元，新建改建项目{count}个，受益群众{people}人，群众满意度持续提升。",
    "建立健全部门协同、上下联动的工作机制，明确责任分工，细化工作措施，确保各项任务按时保质完成。",
    "加强政策宣传解读，通过政府网站、政务新媒体、村（居）务公开栏等渠道及时发布政策信息，提高政策知晓率。",
    "对工作中发现的问题，要建立台账、限期整改，整改情况于{year}年{month}月{day}日前报送{org}。",
    "本办法自{year}年{month}月{day}日起施行，有效期五年。此前有关规定与本办法不一致的，以本办法为准。",
    "联系人：{town}社会事务办，联系电话：0571-8{tel}，电子邮箱：shiwu{num}@qingxi.gov.cn。",
    "申请人对审核结果有异议的，可在公示期内向{org}提出复核申请，{org}应当在10个工作日内作出复核决定。",
    "依法保护当事人的商业秘密和个人隐私，涉及国家秘密的信息严格按照保密规定管理，不得公开。",
    "各单位要严格落实“三重一大”决策制度，规范资金使用管理，严禁截留、挤占、挪用专项资金。",
]
ROWS = [
    "{n}\t{name}\t{gender}\t{town}{village}\t{idmasked}\t{phonemasked}\t{amount}元",
    "{n}\t{name}\t{gender}\t{town}{village}\t{idnumber}\t{phone}\t{amount}元",  # a planted leak
    "{n}\t{name}\t{gender}\t{town}\t{serial}\t{amount}元",
]


def id_number(rng: random.Random) -> str:
    first_17 = f"3204{rng.randint(0, 99):02d}{rng.randint(1940, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first_17 += f"{rng.randint(0, 999):03d}"
    return first_17 + id_check_char(first_17)


def mobile(rng: random.Random) -> str:
    return rng.choice(["138", "139", "150", "186", "177", "199"]) + f"{rng.randint(0, 99999999):08d}"


def card(rng: random.Random) -> str:
    prefix = "622202" + f"{rng.randint(0, 10**12 - 1):012d}"
    return next(prefix + digit for digit in "0123456789" if passes_luhn(prefix + digit))


def credit_code(rng: random.Random) -> str:
    first_17 = f"113204{rng.randint(0, 99):02d}{rng.randint(0, 10**9 - 1):09d}"
    return first_17 + credit_code_check_char(first_17)


def document(rng: random.Random, planted: dict) -> str:
    year = rng.randint(2019, 2025)
    fields = {
        "org": rng.choice(ORGS),
        "topic": rng.choice(TOPICS),
        "year": year,
        "num": rng.randint(1, 120),
        "month": rng.randint(1, 12),
        "day": rng.randint(1, 20),
        "day2": rng.randint(21, 28),
        "town": rng.choice(TOWNS),
        "tel": f"{rng.randint(0, 9999999):07d}",
        "index": f"{credit_code(rng)}/{year}-{rng.randint(1, 99999):05d}",
        "amount": rng.randint(100, 99999),
        "count": rng.randint(10, 999),
        "people": rng.randint(10, 2999),
        "credit": credit_code(rng),
    }
    if rng.random() < 0.7:  # most published records are prose: notices, plans, interpretations
        lines = [f"{fields['org']}关于印发{fields['year']}年{fields['topic']}工作方案的通知"]
        lines += [rng.choice(PROSE).format(**fields) for _ in range(rng.randint(8, 30))]
        if rng.random() < 0.1:  # an officer's own mobile left in the contact line
            lines.append(f"经办人：{rng.choice(SURNAMES)}科员，手机{mobile(rng)}。")
            planted["mobile"] += 1
    else:  # lists (公示名单): masked as they should be, with the occasional leaked row
        lines = [f"关于{fields['year']}年{fields['topic']}审核结果的公示"]
        lines += [template.format(**fields) for template in PARAGRAPHS]
        lines.append("序号\t姓名\t性别\t住址\t身份证号\t联系电话\t金额")
        for n in range(1, rng.randint(10, 60)):
            leaked = rng.random() < 0.05
            template = ROWS[1] if leaked else rng.choice((ROWS[0], ROWS[0], ROWS[2]))
            number, phone = id_number(rng), mobile(rng)
            if leaked:
                planted["id_card"] += 1
                planted["mobile"] += 1
            lines.append(
                template.format(
                    n=n,
                    name=rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2))),
                    gender=rng.choice("男女"),
                    town=rng.choice(TOWNS),
                    village=rng.choice(VILLAGES),
                    idmasked=number[:4] + "*" * 10 + number[-4:],
                    phonemasked=phone[:3] + "****" + phone[-4:],
                    idnumber=number,
                    phone=phone,
                    serial=f"9{rng.randint(0, 10**18):019d}",
                    amount=rng.randint(100, 2000),
                )
            )
    if rng.random() < 0.05:
        lines.append(f"补发账户：{card(rng)}")
        planted["bank_card"] += 1
    lines.append(f"{fields['org']}\n{fields['year']}年{fields['month']}月{fields['day']}日")
    return "\n".join(lines)


def generate_corpus(path: Path, *, megabytes: int = 50, seed: int = 20261121) -> tuple[list[str], dict]:
    """Write documents until the file holds `megabytes` MB of UTF-8; returns (documents, planted counts)."""
    rng = random.Random(seed)
    planted = {"id_card": 0, "mobile": 0, "bank_card": 0}
    documents, size = [], 0
    while size < megabytes * 1024 * 1024:
        text = document(rng, planted)
        documents.append(text)
        size += len(text.encode("utf-8")) + 2
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(documents), encoding="utf-8")
    return documents, planted


def generate_lexicon(documents: list[str], *, size: int = 10_000, seed: int = 7) -> tuple[list[str], list[str]]:
    """`size` distinct terms: a few hundred that occur in the corpus, the rest built from its own characters (so the
    automaton meets many partial matches, the hard case), and the planted terms to verify matches."""
    rng = random.Random(seed)
    sample = "".join(documents[:50])
    characters = sorted({char for char in sample if "\u4e00" <= char <= "\u9fff"})
    planted = ["优亲厚友", "人情保", "赌博", "传销"]
    terms = set(planted)
    while len(terms) < size:
        length = rng.randint(2, 6)
        if rng.random() < 0.3:
            start = rng.randrange(0, len(sample) - length)
            term = sample[start : start + length - 1] + rng.choice(characters)
        else:
            term = "".join(rng.choices(characters, k=length))
        if term.strip() and "\t" not in term and "\n" not in term:
            terms.add(term)
    return sorted(terms), planted
