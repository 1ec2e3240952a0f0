"""A captcha that needs neither JavaScript nor network: a small sum drawn as seven-segment strokes in an SVG image
(no text a script could read from the markup), with the answer kept in the session and usable once."""

import secrets

from django.utils.html import escape

SESSION_KEY = "applications_captcha"
# Segments a–g of a seven-segment digit as (x1, y1, x2, y2) on a 20×36 cell.
SEGMENTS = {
    "a": (2, 2, 18, 2),
    "b": (18, 2, 18, 18),
    "c": (18, 18, 18, 34),
    "d": (2, 34, 18, 34),
    "e": (2, 18, 2, 34),
    "f": (2, 2, 2, 18),
    "g": (2, 18, 18, 18),
}
DIGITS = {
    "0": "abcdef",
    "1": "bc",
    "2": "abged",
    "3": "abgcd",
    "4": "fgbc",
    "5": "afgcd",
    "6": "afgedc",
    "7": "abc",
    "8": "abcdefg",
    "9": "abcdfg",
}
OPERATORS = {"+": ((4, 18, 16, 18), (10, 12, 10, 24)), "=": ((4, 14, 16, 14), (4, 22, 16, 22))}


def new_challenge(session) -> str:
    """Store a fresh sum's answer in the session and return the expression to draw."""
    first, second = secrets.randbelow(40) + 10, secrets.randbelow(9) + 1
    expression = f"{first}+{second}="
    session[SESSION_KEY] = {"answer": str(first + second), "expression": expression}
    return expression


def current_expression(session) -> str:
    challenge = session.get(SESSION_KEY)
    return challenge["expression"] if challenge else new_challenge(session)


def check(session, answer: str) -> bool:
    """True once for the right answer; any attempt uses the challenge up."""
    challenge = session.pop(SESSION_KEY, None)
    return bool(challenge) and answer.strip() == challenge["answer"]


def jitter(value: int) -> int:
    return value + secrets.randbelow(3) - 1


def strokes(symbol: str) -> list[tuple[int, int, int, int]]:
    if symbol in DIGITS:
        return [SEGMENTS[name] for name in DIGITS[symbol]]
    return list(OPERATORS[symbol])


def render_svg(expression: str) -> str:
    width, height = 26 * len(expression) + 20, 56
    lines = []
    for index, symbol in enumerate(expression):
        left, top = 10 + index * 26 + secrets.randbelow(4), 8 + secrets.randbelow(6)
        for x1, y1, x2, y2 in strokes(symbol):
            lines.append(
                f'<line x1="{left + jitter(x1)}" y1="{top + jitter(y1)}" x2="{left + jitter(x2)}" '
                f'y2="{top + jitter(y2)}" stroke="#1b3a5c" stroke-width="3" stroke-linecap="round"/>'
            )
    for _index in range(6):
        lines.append(
            f'<line x1="{secrets.randbelow(width)}" y1="{secrets.randbelow(height)}" x2="{secrets.randbelow(width)}" '
            f'y2="{secrets.randbelow(height)}" stroke="#9fb3c8" stroke-width="1"/>'
        )
    label = escape("验证码图片")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{label}"><rect width="100%" height="100%" fill="#f3f6fa"/>{"".join(lines)}</svg>'
    )
