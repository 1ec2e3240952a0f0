import io

from gongkai.core.demo import DemoContext
from gongkai.screening import demo
from gongkai.screening.detectors import scan
from gongkai.screening.kinds import Kind
from gongkai.screening.models import Expression, Lexicon


def test_demo_is_idempotent_and_its_samples_show_every_detector(government, admin_person):
    context = DemoContext(stdout=io.StringIO(), objects={"government": government})
    demo.build(context)
    counts = (Lexicon.objects.count(), Expression.objects.count())
    assert counts == (len(demo.LEXICON), len(demo.EXPRESSIONS))
    demo.build(context)
    assert (Lexicon.objects.count(), Expression.objects.count()) == counts
    kinds = {d.kind for text in context.objects["screening_samples"].values() for d in scan(text)}
    assert kinds == set(Kind.values) - {Kind.NO_TEXT}  # no_text needs a PDF page without text
