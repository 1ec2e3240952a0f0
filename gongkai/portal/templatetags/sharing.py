"""`{% share_meta title=… description=… image=… %}`: the Open Graph and Twitter card tags of a public page, so a link
pasted into WeChat and other apps shows a card (title, short description, the page's share image)."""

from django import template

from gongkai.portal.sharing.cards import HEIGHT, WIDTH, short_description

register = template.Library()


@register.inclusion_tag("portal/_share_meta.html", takes_context=True)
def share_meta(context, *, title: str, description: str, image: str, kind: str = "article"):
    request = context["request"]
    return {
        "site_name": context.get("site_name", ""),
        "title": title,
        "description": short_description(str(description)),
        "page_url": request.build_absolute_uri(request.path),
        "image_url": request.build_absolute_uri(image),
        "kind": kind,
        "width": WIDTH,
        "height": HEIGHT,
    }
