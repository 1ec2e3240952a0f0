"""Suggested processing fees per 国办函〔2020〕109号: per item by the applicant's count in the natural month, or per
page by volume; both progressive (超额累进), never both for one application."""

from decimal import Decimal

FREE_ITEMS_PER_MONTH = 10
FREE_PAGES = 30
# (first page of the band, last page of the band or None, yuan per page)
PAGE_BANDS = ((31, 100, 10), (101, 200, 20), (201, None, 40))


def item_price(position: int) -> int:
    """Yuan charged for the item with this running number in the applicant's natural month."""
    if position <= FREE_ITEMS_PER_MONTH:
        return 0
    if position <= 30:
        return 100
    # 31–40: 200, 41–50: 300, … (every further band of 10 raises the price by 100 yuan per item)
    return 200 + (position - 31) // 10 * 100


def per_item_fee(*, prior_items: int, items: int) -> Decimal:
    """Fee for `items` items when the applicant already filed `prior_items` items earlier in the month."""
    return Decimal(sum(item_price(position) for position in range(prior_items + 1, prior_items + items + 1)))


def per_page_fee(*, pages: int) -> Decimal:
    total = 0
    for first, last, price in PAGE_BANDS:
        if pages < first:
            break
        top = pages if last is None else min(pages, last)
        total += (top - first + 1) * price
    return Decimal(total)
