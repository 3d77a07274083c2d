"""A cheap, dependency-free check that a text is English, naming the language when it is not.

Non-Latin scripts are recognised from Unicode character names' ranges; Latin-script languages
from the share of their function words among the first tokens. Words that are function words in
more than one of the languages known here ("a", "in", "die", "me") count for none. Good enough
to keep a Spanish or Russian rewrite out of an English-only analysis; not a language identifier.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

SAMPLE_CHARS = 2000
"""Only the first this many characters are looked at."""

MIN_ENGLISH_SHARE = 0.12
"""English prose has ~30-45% function words; below this share it is not (mostly) English."""

MIN_TOKENS = 20
"""With fewer word tokens, only clear evidence of another language rejects a text."""

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "es": "Spanish", "fr": "French", "de": "German", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese",
    "ja": "Japanese", "ko": "Korean", "ar": "Arabic", "fa": "Persian", "he": "Hebrew",
    "el": "Greek", "hi": "Hindi", "th": "Thai", "und": "an unidentified language",
}  # fmt: skip

_FUNCTION_WORDS: dict[str, str] = {
    "en": """the of and to a in that is was for on with as by at from his her its he she it
        they them their we our you your this these those which who whom whose what when where
        has have had been being be are were will would could should may might must can not
        no but or if than then there also after before about into over under between against
        during said says one two more most other some such only any all up out new last year
        an so do does did just while because since until government officials president
        minister according reported""",
    "es": """el la los las de del que y en un una por con para es se al lo como más pero sus le
        ya o este esta fue ha son entre cuando muy sin sobre también hasta hay donde quien
        desde todo nos durante todos uno les ni contra otros ese eso ante ellos según dijo""",
    "fr": """le la les de des du un une et est en que qui dans pour pas sur au aux avec ce
        cette il elle ils sont par plus ne se son sa ses mais ou été être leur nous vous
        selon aussi entre après avant dont comme a été déjà""",
    "de": """der die das und ist nicht ein eine einer eines dem den des zu mit sich auf für
        von im auch es an werden aus er hat dass sie nach bei wird noch wie einem über so zum
        war haben nur oder aber vor zur bis mehr durch man sein wurde sei laut""",
    "it": """il lo la gli le di del della dei che e è un una per non con sono su da nel nella
        si ha come anche più ma alla questo questa ci sul dopo tra secondo""",
    "pt": """o os as de do da dos das que e é um uma para com não por mais como mas foi ao
        ele ela seu sua ou ser quando muito nos já está também só pelo pela até isso entre
        segundo disse""",
    "nl": """de het een en van in is dat op te zijn met voor niet aan er maar om ook als
        bij nog wel door naar dan wat uit werd heeft zijn volgens""",
}


def _exclusive(words: dict[str, str]) -> dict[str, frozenset[str]]:
    sets = {lang: frozenset(text.split()) for lang, text in words.items()}
    counts = Counter(word for words_ in sets.values() for word in words_)
    return {lang: frozenset(w for w in s if counts[w] == 1) for lang, s in sets.items()}


FUNCTION_WORDS: dict[str, frozenset[str]] = _exclusive(_FUNCTION_WORDS)

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# (first code point, last code point, language) for scripts that name a language well enough.
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "el"),
    (0x0400, 0x04FF, "ru"),
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"),
    (0x0900, 0x097F, "hi"),
    (0x0E00, 0x0E7F, "th"),
    (0x3040, 0x30FF, "ja"),
    (0x4E00, 0x9FFF, "zh"),
    (0xAC00, 0xD7AF, "ko"),
)
_UKRAINIAN = frozenset("іїєґІЇЄҐ")
_PERSIAN = frozenset("پچژگ")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    code: str
    """ISO 639-1 code, or ``und`` when nothing fits."""
    english_share: float
    """Share of the sampled word tokens that are English function words."""

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES.get(self.code, self.code)


def guess_language(text: str) -> LanguageGuess:
    """Guess the language of ``text`` from its first :data:`SAMPLE_CHARS` characters."""
    sample = text[:SAMPLE_CHARS]
    script = _script_language(sample)
    if script is not None:
        return LanguageGuess(script, 0.0)
    tokens = [token.lower() for token in _TOKEN.findall(sample)]
    if not tokens:
        return LanguageGuess("en", 0.0)  # numbers and symbols only: nothing to object to
    hits = {lang: sum(1 for t in tokens if t in words) for lang, words in FUNCTION_WORDS.items()}
    english = hits["en"] / len(tokens)
    other, other_hits = max(((lang, n) for lang, n in hits.items() if lang != "en"),
                            key=lambda pair: pair[1])  # fmt: skip
    if other_hits > hits["en"] and other_hits >= 2:
        return LanguageGuess(other, english)
    if english >= MIN_ENGLISH_SHARE or len(tokens) < MIN_TOKENS:
        return LanguageGuess("en", english)
    if other_hits / len(tokens) >= MIN_ENGLISH_SHARE / 2:
        return LanguageGuess(other, english)
    return LanguageGuess("und", english)


def _script_language(sample: str) -> str | None:
    """The language named by a non-Latin script holding most letters, if any."""
    letters = [char for char in sample if char.isalpha()]
    if not letters:
        return None
    counts: Counter[str] = Counter()
    for char in letters:
        point = ord(char)
        for first, last, lang in _SCRIPTS:
            if first <= point <= last:
                counts[lang] += 1
                break
    if not counts:
        return None
    lang, count = counts.most_common(1)[0]
    if count * 2 < len(letters):
        return None
    if lang == "zh" and counts["ja"]:
        return "ja"
    if lang == "ru" and any(char in _UKRAINIAN for char in sample):
        return "uk"
    if lang == "ar" and any(char in _PERSIAN for char in sample):
        return "fa"
    return lang
