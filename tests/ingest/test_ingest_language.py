"""guess_language: English passes; other languages are named."""

from __future__ import annotations

import pytest

from newstrace.ingest.language import FUNCTION_WORDS, guess_language

ENGLISH = (
    "Venezuelan President Nicolás Maduro has reportedly requested military assistance from "
    "Russian President Vladimir Putin. The appeal, detailed by The Moscow Times, cites internal "
    "U.S. government documents obtained by The Washington Post. The request arrives amid an "
    "increased U.S. military presence in the Caribbean region."
)

OTHERS = {
    "es": "El presidente venezolano Nicolás Maduro pidió ayuda militar a Rusia, según documentos "
    "del gobierno de Estados Unidos obtenidos por el diario. La solicitud fue entregada durante "
    "una visita a Moscú a mediados de octubre y no está claro si el Kremlin ha respondido.",
    "fr": "Le président vénézuélien Nicolás Maduro a demandé une aide militaire à la Russie, selon "
    "des documents du gouvernement américain obtenus par le journal. La demande a été remise lors "
    "d'une visite à Moscou à la mi-octobre et on ne sait pas si le Kremlin a répondu.",
    "de": "Der venezolanische Präsident Nicolás Maduro hat Russland laut Dokumenten der "
    "US-Regierung um militärische Hilfe gebeten. Die Anfrage wurde bei einem Besuch in Moskau "
    "Mitte Oktober übergeben, und es ist nicht klar, ob der Kreml geantwortet hat.",
    "it": "Il presidente venezuelano Nicolás Maduro ha chiesto aiuti militari alla Russia, secondo "
    "documenti del governo degli Stati Uniti ottenuti dal giornale. La richiesta è stata "
    "consegnata durante una visita a Mosca a metà ottobre e non è chiaro se il Cremlino abbia risposto.",
    "pt": "O presidente venezuelano Nicolás Maduro pediu ajuda militar à Rússia, segundo documentos "
    "do governo dos Estados Unidos obtidos pelo jornal. O pedido foi entregue durante uma visita "
    "a Moscou em meados de outubro e não está claro se o Kremlin respondeu.",
    "nl": "De Venezolaanse president Nicolás Maduro heeft Rusland om militaire hulp gevraagd, "
    "volgens documenten van de Amerikaanse regering die door de krant zijn verkregen. Het verzoek "
    "werd half oktober bij een bezoek aan Moskou overhandigd en het is niet duidelijk of het "
    "Kremlin heeft geantwoord.",
    "ru": "Президент Венесуэлы Николас Мадуро попросил Россию о военной помощи, сообщает газета "
    "со ссылкой на документы правительства США.",
    "uk": "Президент Венесуели Ніколас Мадуро попросив Росію про військову допомогу, повідомляє "
    "газета з посиланням на документи уряду США.",
    "zh": "委内瑞拉总统马杜罗据报道向俄罗斯总统普京请求军事援助，美国政府内部文件显示了这一点。",
    "ja": "ベネズエラのマドゥロ大統領は、ロシアのプーチン大統領に軍事支援を要請したと報じられた。",
    "ko": "베네수엘라의 마두로 대통령이 러시아의 푸틴 대통령에게 군사 지원을 요청한 것으로 알려졌다.",
    "ar": "طلب الرئيس الفنزويلي نيكولاس مادورو مساعدة عسكرية من الرئيس الروسي فلاديمير بوتين.",
    "fa": "نیکلاس مادورو رئیس جمهور ونزوئلا از ولادیمیر پوتین کمک نظامی خواست و گزارش‌ها چنین می‌گویند.",
    "he": "נשיא ונצואלה ניקולס מדורו ביקש מרוסיה סיוע צבאי, כך לפי מסמכים של ממשל ארצות הברית.",
    "el": "Ο πρόεδρος της Βενεζουέλας Νικολάς Μαδούρο ζήτησε στρατιωτική βοήθεια από τη Ρωσία.",
}


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH,
        ENGLISH + ' Maduro said: "La patria no se vende, ni se rinde, ni se entrega."',
        "Russia confirms delivery of S-300 systems to Venezuela.",  # short, few function words
        "14 missile units\n8 engines\n5 radars\nSu-30MK2 x 12",  # lists of items
        "Президент Путин (Vladimir Putin) " + ENGLISH,  # a Cyrillic name in English prose
    ],
    ids=["news", "spanish-quote", "headline", "list", "cyrillic-name"],
)
def test_english_is_english(text: str) -> None:
    assert guess_language(text).code == "en"


@pytest.mark.parametrize(("code", "text"), sorted(OTHERS.items()), ids=sorted(OTHERS))
def test_other_languages_are_named(code: str, text: str) -> None:
    assert guess_language(text).code == code


def test_names_for_messages() -> None:
    assert guess_language(OTHERS["es"]).name == "Spanish"
    assert guess_language(OTHERS["ru"]).name == "Russian"
    assert guess_language(OTHERS["zh"]).name == "Chinese"


def test_english_share_is_reported() -> None:
    assert 0.2 < guess_language(ENGLISH).english_share < 0.6
    assert guess_language(OTHERS["es"]).english_share < 0.05


def test_unidentified_latin_text_is_not_english() -> None:
    finnish = (
        "Venezuelan presidentti Nicolás Maduro pyysi Venäjältä sotilaallista apua, kertoo lehti "
        "Yhdysvaltain hallituksen asiakirjoihin viitaten. Pyyntö toimitettiin lokakuun puolivälissä "
        "Moskovaan tehdyn vierailun aikana, eikä ole selvää, onko Kreml vastannut."
    )
    guess = guess_language(finnish)
    assert guess.code == "und"
    assert guess.name == "an unidentified language"


def test_only_the_first_2000_characters_are_read() -> None:
    assert guess_language(ENGLISH * 10 + OTHERS["es"] * 50).code == "en"


def test_function_word_sets_are_disjoint() -> None:
    seen: set[str] = set()
    for words in FUNCTION_WORDS.values():
        assert not words & seen
        seen |= words
    assert {"the", "of", "and", "was"} <= FUNCTION_WORDS["en"]
    assert "a" not in FUNCTION_WORDS["en"]  # shared with es/pt/it, so counted for none
