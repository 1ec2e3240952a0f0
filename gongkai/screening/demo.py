"""The screening step of `gongkai demo`: a managed lexicon, expression pairs, and sample texts for draft records.

Idempotent: entries are keyed by their term / wrong form and only created when missing. The sample texts (one per
detector) are left in `context.objects["screening_samples"]` for the publishing step to use in draft records.
"""

from gongkai.orgs.demo import staff_of

from .identifiers import id_check_char, passes_luhn
from .kinds import Severity
from .models import Expression, ExpressionCategory, Lexicon, LexiconCategory
from .services import create_expression, create_lexicon_entry

LEXICON = [
    ("网络赌博", LexiconCategory.ILLEGAL, Severity.BLOCK),
    ("赌博网站", LexiconCategory.ILLEGAL, Severity.BLOCK),
    ("六合彩", LexiconCategory.ILLEGAL, Severity.BLOCK),
    ("代开发票", LexiconCategory.ILLEGAL, Severity.BLOCK),
    ("办假证", LexiconCategory.ILLEGAL, Severity.BLOCK),
    ("高仿证件", LexiconCategory.ILLEGAL, Severity.BLOCK),
    ("枪支出售", LexiconCategory.ILLEGAL, Severity.BLOCK),
    ("地下钱庄", LexiconCategory.ILLEGAL, Severity.BLOCK),
    ("刷单返利", LexiconCategory.ILLEGAL, Severity.WARN),
    ("非法集资", LexiconCategory.ILLEGAL, Severity.WARN),
    ("传销", LexiconCategory.ILLEGAL, Severity.WARN),
    ("冰毒", LexiconCategory.ILLEGAL, Severity.BLOCK),
    ("色情", LexiconCategory.VULGAR, Severity.BLOCK),
    ("裸聊", LexiconCategory.VULGAR, Severity.BLOCK),
    ("暴恐视频", LexiconCategory.VIOLENCE, Severity.BLOCK),
    ("最权威", LexiconCategory.ABSOLUTE, Severity.INFO),
    ("国家级最佳", LexiconCategory.ABSOLUTE, Severity.INFO),
]

EXPRESSIONS = [
    ("国家工商行政管理总局", "国家市场监督管理总局", ExpressionCategory.OUTDATED_NAME, "2018年机构改革后组建"),
    ("国家质量监督检验检疫总局", "国家市场监督管理总局", ExpressionCategory.OUTDATED_NAME, "2018年机构改革"),
    ("国家卫生和计划生育委员会", "国家卫生健康委员会", ExpressionCategory.OUTDATED_NAME, "2018年机构改革"),
    ("国家卫计委", "国家卫生健康委员会", ExpressionCategory.OUTDATED_NAME, "2018年机构改革"),
    ("卫计局", "卫生健康局", ExpressionCategory.OUTDATED_NAME, "地方机构改革后名称"),
    ("国土资源局", "自然资源局", ExpressionCategory.OUTDATED_NAME, "地方机构改革后名称"),
    ("国土资源部", "自然资源部", ExpressionCategory.OUTDATED_NAME, "2018年机构改革"),
    ("环境保护局", "生态环境局", ExpressionCategory.OUTDATED_NAME, "地方机构改革后名称"),
    ("环境保护部", "生态环境部", ExpressionCategory.OUTDATED_NAME, "2018年机构改革"),
    ("安全生产监督管理局", "应急管理局", ExpressionCategory.OUTDATED_NAME, "地方机构改革后名称"),
    ("安监局", "应急管理局", ExpressionCategory.OUTDATED_NAME, "地方机构改革后名称"),
    ("扶贫开发领导小组办公室", "乡村振兴局", ExpressionCategory.OUTDATED_NAME, "2021年组建国家乡村振兴局"),
    ("政协代表", "政协委员", ExpressionCategory.WRONG_TITLE, "人大为代表，政协为委员"),
    ("村支部书记", "村党支部书记", ExpressionCategory.WRONG_TITLE, ""),
    ("台湾总统", "台湾地区领导人", ExpressionCategory.WRONG_TITLE, "新华社禁用词"),
    ("台湾政府", "台湾当局", ExpressionCategory.WRONG_TITLE, "新华社禁用词"),
    ("残废人", "残疾人", ExpressionCategory.OTHER, "不使用歧视性称谓"),
    ("聋哑人", "听力言语残疾人", ExpressionCategory.OTHER, "不使用歧视性称谓"),
    ("中华人民共合国", "中华人民共和国", ExpressionCategory.TYPO, ""),
    ("国务院办公听", "国务院办公厅", ExpressionCategory.TYPO, ""),
    ("社会主义核心价值关", "社会主义核心价值观", ExpressionCategory.TYPO, ""),
    ("一带一路倡议", "“一带一路”倡议", ExpressionCategory.FIXED_PHRASE, "专有提法加引号"),
    ("十四五规划", "“十四五”规划", ExpressionCategory.FIXED_PHRASE, "专有提法加引号"),
]


def sample_texts() -> dict[str, str]:
    """Texts that show each detector, built from checksums (no real person's numbers)."""
    first_17 = "32040219850612151"
    id_number = first_17 + id_check_char(first_17)
    card_prefix = "622202120300456789"
    card = next(card_prefix + digit for digit in "0123456789" if passes_luhn(card_prefix + digit))
    return {
        "personal_data": (
            "青溪镇2025年第四季度临时救助对象公示\n"
            f"序号\t姓名\t身份证号\t联系电话\t救助金额\n1\t王秀英\t{id_number}\t138-1234-5678\t1500元\n"
            "2\t李建国\t3204**********1234\t139****5678\t1200元\n"
            f"救助金已打入王秀英银行账户{card}。联系邮箱：wangxy1985@example.com。\n"
            "张桂兰，女，新河村3组18号，因病致贫。"
        ),
        "secret_marking": "秘密★1年\n关于做好防汛物资储备工作的通知\n各乡镇：现将有关事项通知如下。",
        "expressions": "根据国家工商行政管理总局和区安监局的要求，区政协代表开展了专题视察，落实十四五规划。",
        "sensitive": "近期网络赌博、代开发票等违法信息增多，请群众提高警惕，发现非法集资线索及时举报。",
    }


def build(context) -> None:
    admin = staff_of(context.objects["government"], "admin")
    existing_terms = set(Lexicon.objects.values_list("term", flat=True))
    created_terms = 0
    for term, category, severity in LEXICON:
        if term not in existing_terms:
            create_lexicon_entry(term=term, category=category, severity=severity, actor=admin)
            created_terms += 1
    existing_wrong = set(Expression.objects.values_list("wrong", flat=True))
    created_pairs = 0
    for wrong, right, category, note in EXPRESSIONS:
        if wrong not in existing_wrong:
            create_expression(wrong=wrong, right=right, category=category, note=note, actor=admin)
            created_pairs += 1
    context.objects["screening_samples"] = sample_texts()
    context.say(f"  敏感词 {created_terms} 条、表述纠错 {created_pairs} 条（新增）")
