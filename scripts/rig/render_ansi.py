"""Render a terminal screen captured with ANSI colours (`tmux capture-pane -e -p`) to a PNG.

Usage: render_ansi.py INPUT OUTPUT.png [--columns N] [--rows N] [--font PATH] [--size POINTS]

Understands the SGR sequences tmux writes: the 16 basic colours, the 256-colour palette,
24-bit colours, bold, dim, italic, underline and reverse video. Other escape sequences are
dropped. Cells are drawn on a fixed grid, one character per cell.
"""

import argparse
import re
import sys
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_FOLDERS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
BACKGROUND = (24, 26, 33)
FOREGROUND = (220, 223, 228)
# The 16 basic colours (normal, then bright), close to the xterm defaults but softer on a dark background.
BASIC = [
    (40, 42, 54), (224, 96, 96), (120, 200, 120), (224, 200, 100),
    (100, 150, 230), (200, 120, 210), (90, 200, 210), (200, 200, 200),
    (110, 114, 128), (255, 130, 130), (150, 235, 150), (255, 230, 130),
    (140, 180, 255), (230, 150, 240), (130, 230, 240), (255, 255, 255),
]
ESCAPE = re.compile(r"\x1b\[([0-9;:?]*)([A-Za-z])|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07")


def palette(index):
    """Return the RGB colour of entry `index` in the xterm 256-colour palette."""
    if index < 16:
        return BASIC[index]
    if index < 232:
        index -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[index // 36], steps[(index // 6) % 6], steps[index % 6])
    level = 8 + (index - 232) * 10
    return (level, level, level)


class Style:
    def __init__(self):
        self.reset()

    def reset(self):
        self.foreground = None
        self.background = None
        self.bold = self.dim = self.italic = self.underline = self.reverse = False

    def copy(self):
        other = Style()
        other.__dict__.update(self.__dict__)
        return other

    def apply(self, parameters):
        """Update the style from the parameters of one SGR sequence (`ESC [ ... m`)."""
        codes = [int(part) if part.isdigit() else 0 for part in re.split("[;:]", parameters)] if parameters else [0]
        position = 0
        while position < len(codes):
            code = codes[position]
            if code in (38, 48) and position + 1 < len(codes):
                colour, used = self.extended_colour(codes[position + 1:])
                if code == 38:
                    self.foreground = colour
                else:
                    self.background = colour
                position += 1 + used
                continue
            self.apply_simple(code)
            position += 1

    @staticmethod
    def extended_colour(rest):
        """Return (colour, codes used) for the part of a 38/48 sequence after the 38 or 48."""
        if rest[0] == 5 and len(rest) > 1:
            return palette(rest[1]), 2
        if rest[0] == 2 and len(rest) > 3:
            return tuple(rest[1:4]), 4
        return None, 1

    def apply_simple(self, code):
        if code == 0:
            self.reset()
        elif code == 1:
            self.bold = True
        elif code == 2:
            self.dim = True
        elif code == 3:
            self.italic = True
        elif code == 4:
            self.underline = True
        elif code == 7:
            self.reverse = True
        elif code == 22:
            self.bold = self.dim = False
        elif code == 23:
            self.italic = False
        elif code == 24:
            self.underline = False
        elif code == 27:
            self.reverse = False
        elif 30 <= code <= 37:
            self.foreground = code - 30
        elif code == 39:
            self.foreground = None
        elif 40 <= code <= 47:
            self.background = palette(code - 40)
        elif code == 49:
            self.background = None
        elif 90 <= code <= 97:
            self.foreground = code - 90 + 8
        elif 100 <= code <= 107:
            self.background = palette(code - 100 + 8)

    def colours(self):
        """Return the (foreground, background) RGB pair this style draws with."""
        foreground = self.foreground
        if isinstance(foreground, int):
            # Bold brightens the 8 basic colours, as most terminals do.
            foreground = palette(foreground + 8 if self.bold and foreground < 8 else foreground)
        foreground = foreground or FOREGROUND
        background = self.background or BACKGROUND
        if self.reverse:
            foreground, background = background, foreground
        if self.dim:
            foreground = tuple((channel + base) // 2 for channel, base in zip(foreground, background))
        return foreground, background


def parse(text, columns, rows):
    """Return a rows x columns grid of (character, Style) cells from captured text."""
    grid = [[(" ", Style()) for _ in range(columns)] for _ in range(rows)]
    style = Style()
    for row, line in enumerate(text.split("\n")[:rows]):
        column = 0
        position = 0
        while position < len(line) and column < columns:
            match = ESCAPE.match(line, position)
            if match:
                if match.group(2) == "m":
                    style.apply(match.group(1))
                position = match.end()
                continue
            character = line[position]
            position += 1
            if character in "\r\x07" or unicodedata.category(character) == "Mn":
                continue
            grid[row][column] = (character, style.copy())
            column += 2 if unicodedata.east_asian_width(character) in "WF" else 1
    return grid


def find_font(name):
    for folder in FONT_FOLDERS:
        path = Path(folder) / name
        if path.exists():
            return str(path)
    raise SystemExit(f"render_ansi.py: the font {name} was not found in {', '.join(FONT_FOLDERS)}; "
                     "install it with: apt-get install fonts-dejavu-core")


def needs_fallback(character):
    """Return True for characters DejaVu Sans Mono has no glyph for but DejaVu Sans has (Braille spinners)."""
    return "\u2800" <= character <= "\u28ff"


def render(grid, font_path, bold_path, size, fallback_path=None):
    regular = ImageFont.truetype(font_path, size)
    bold = ImageFont.truetype(bold_path, size)
    fallback = ImageFont.truetype(fallback_path, size) if fallback_path else regular
    ascent, descent = regular.getmetrics()
    cell_width = round(regular.getlength("M"))
    cell_height = ascent + descent + 2
    padding = cell_width
    rows, columns = len(grid), len(grid[0])
    image = Image.new("RGB", (columns * cell_width + 2 * padding, rows * cell_height + 2 * padding), BACKGROUND)
    draw = ImageDraw.Draw(image)

    for row, cells in enumerate(grid):
        top = padding + row * cell_height
        for column, (character, style) in enumerate(cells):
            left = padding + column * cell_width
            foreground, background = style.colours()
            if background != BACKGROUND:
                draw.rectangle([left, top, left + cell_width - 1, top + cell_height - 1], fill=background)
            if character != " ":
                font = bold if style.bold else regular
                if needs_fallback(character):
                    font = fallback
                draw.text((left, top + 1), character, font=font, fill=foreground)
            if style.underline:
                draw.line([left, top + ascent + 2, left + cell_width - 1, top + ascent + 2], fill=foreground)
    return image


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="captured screen text with ANSI escapes; - for stdin")
    parser.add_argument("output", help="PNG file to write")
    parser.add_argument("--columns", type=int, default=100, help="terminal width in cells (default: 100)")
    parser.add_argument("--rows", type=int, default=30, help="terminal height in cells (default: 30)")
    parser.add_argument("--size", type=int, default=16, help="font size in points (default: 16)")
    parser.add_argument("--font", help="monospace TrueType font (default: DejaVu Sans Mono)")
    parser.add_argument("--bold-font", help="bold variant of --font (default: DejaVu Sans Mono Bold)")
    arguments = parser.parse_args(argv)

    text = sys.stdin.read() if arguments.input == "-" else Path(arguments.input).read_text(encoding="utf-8")
    grid = parse(text, arguments.columns, arguments.rows)
    font = arguments.font or find_font("DejaVuSansMono.ttf")
    bold = arguments.bold_font or (arguments.font or find_font("DejaVuSansMono-Bold.ttf"))
    fallback = None if arguments.font else find_font("DejaVuSans.ttf")
    render(grid, font, bold, arguments.size, fallback).save(arguments.output)


if __name__ == "__main__":
    main(sys.argv[1:])
