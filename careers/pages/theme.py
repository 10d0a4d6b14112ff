"""Theme colours from ``careers.toml``: CSS custom properties that keep WCAG AA contrast.

A brand's accent colour is used for links and the apply button on every surface of the
theme, in light and in dark mode. Rather than refuse a colour that is too pale (or too dark
for the dark theme), the accent is darkened (or lightened) only as far as needed to reach
4.5:1 against every background it sits on, and the button's text colour is chosen to read on it.
"""

from __future__ import annotations

from careers.config import Config

RGB = tuple[float, float, float]

# The backgrounds links sit on in templates/static/style.css (--bg and --surface per scheme).
LIGHT_SURFACES = ("#ffffff", "#f5f7f9")
DARK_SURFACES = ("#0f1216", "#161b22")
AA_TEXT = 4.5
_STEPS = 50


def parse_hex(color: str) -> RGB:
    """``#07c`` or ``#0077cc`` as red, green, blue in 0..1."""
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return (int(digits[0:2], 16) / 255, int(digits[2:4], 16) / 255, int(digits[4:6], 16) / 255)


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


def luminance(rgb: RGB) -> float:
    """Relative luminance as WCAG 2.1 defines it."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: RGB, b: RGB) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(rgb: RGB, toward: RGB, amount: float) -> RGB:
    r, g, b = (c + (t - c) * amount for c, t in zip(rgb, toward, strict=True))
    return (r, g, b)


def readable_on(color: str, surfaces: tuple[str, ...], minimum: float = AA_TEXT) -> str:
    """``color``, moved toward black (light surfaces) or white (dark ones) until it reads on each."""
    rgb = parse_hex(color)
    backgrounds = [parse_hex(s) for s in surfaces]
    dark_surfaces = luminance(backgrounds[0]) < 0.5
    toward: RGB = (1.0, 1.0, 1.0) if dark_surfaces else (0.0, 0.0, 0.0)
    for step in range(_STEPS + 1):
        candidate = to_hex(mix(rgb, toward, step / _STEPS))
        if min(contrast(parse_hex(candidate), bg) for bg in backgrounds) >= minimum:
            return candidate
    return to_hex(toward)


def text_on(color: str, choices: tuple[str, str]) -> str:
    """Whichever of two text colours contrasts more with ``color`` (a button's background)."""
    rgb = parse_hex(color)
    return max(choices, key=lambda c: contrast(parse_hex(c), rgb))


def theme_css(config: Config) -> str:
    """A ``:root`` rule overriding the default accent, or "" when the site keeps the default."""
    if not config.accent_color and not config.accent_color_dark:
        return ""
    rules = []
    if config.accent_color:
        light = readable_on(config.accent_color, LIGHT_SURFACES)
        rules.append(f":root{{--accent:{light};--accent-fg:{text_on(light, ('#ffffff', '#0f1216'))}}}")
    dark_source = config.accent_color_dark or config.accent_color
    dark = readable_on(dark_source, DARK_SURFACES)
    rules.append(
        "@media (prefers-color-scheme:dark){"
        f":root{{--accent:{dark};--accent-fg:{text_on(dark, ('#0f1216', '#ffffff'))}}}}}"
    )
    return "".join(rules)
