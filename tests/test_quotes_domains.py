"""Quotes and reported speech on business, sports, politics and celebrity news: speakers
without the venue of the saying, countries as speakers, nothing reported by a negated or
refused "say", the reported clause after the verb, and direct quotes whose other quote mark
lies in another sentence or line.

Every hand-built sentence's expected result is read off the sentence by hand; the real
excerpts are quoted from ECB+ (CC BY 3.0) with their record id.
"""

from __future__ import annotations

import pytest

from newsfuse.claims.quotes import speaker_or_none
from test_claims import claims_of



def _quotes(nlp, text):
    return [(q.speaker, q.text, q.direct) for q in claims_of(nlp, text).quotes]


@pytest.mark.parametrize("text", [
    # 1_3ecb (celebrity)
    "Ketsoyan did not say what Reid is being treated for and no other details were "
    "forthcoming.",
    # 1_8ecbplus (celebrity)
    "He declined to say where Lohan is receiving treatment, but reports soon surfaced that "
    "she was at the Betty Ford Center in Rancho Mirage, Calif.",
    # business, politics
    "The spokesman would not say whether the company plans more layoffs.",
    "The senator refused to confirm that she would run again.",
])
def test_negated_or_refused_say_reports_nothing(nlp, text):
    assert _quotes(nlp, text) == []


@pytest.mark.parametrize("text, speaker", [
    # 27_1ecb (business)
    ('"Microsoft has released a security update for Internet Explorer that will help protect '
     'its customers from malicious attacks," said the company in a statement.', "company"),
    ('"We will appeal the ruling," the club said in a statement on Tuesday.', "club"),
    ('"The market has turned a corner," the chief executive said at a news conference.',
     "chief executive"),
])
def test_speaker_leaves_out_where_it_was_said(nlp, text, speaker):
    (got,) = _quotes(nlp, text)
    assert got[0] == speaker and got[2] is True


@pytest.mark.parametrize("text, speaker", [
    ('"We will not accept these tariffs," Beijing said.', "Beijing"),
    ("China said the talks had been productive and would continue next month.", "China"),
    # 25_7ecb (sports): the tagger labels the coach's surname a place
    ('"We\'re encouraged with the overall outlook and not having surgery it appears right '
     'now," Payton said.', "Payton"),
])
def test_country_or_city_before_the_verb_speaks(nlp, text, speaker):
    (got,) = _quotes(nlp, text)
    assert got[0] == speaker


def test_place_after_the_verb_is_still_not_a_speaker(nlp):
    text = '"The water came up so fast we could not save anything," said Bireun residents.'
    assert all(q[0] != "Bireun" for q in _quotes(nlp, text))


def test_reported_clause_is_the_one_after_the_verb(nlp):
    # 25_2ecb (sports): the clause before the speaker is the writer's, not the coach's
    text = ("The knee was examined over the weekend and coach Sean Payton said at practice on "
            "Wednesday that the team decided to put Bush on injured reserve.")
    assert _quotes(nlp, text) == [
        ("Sean Payton", "the team decided to put Bush on injured reserve", False)]


def test_reported_speech_span_leaves_out_that(nlp):
    # 1_18ecbplus (celebrity), shortened
    text = "Lohan lawyer Mark Heller told the judge that Lohan had checked into a rehab facility."
    (got,) = _quotes(nlp, text)
    assert got[1] == "Lohan had checked into a rehab facility" and got[2] is False


def test_quote_opened_on_an_earlier_line_is_direct(nlp):
    # 1_7ecb (celebrity): one sentence per line, the quote opens a line earlier
    text = ('"Tara Reid has checked herself into Promises Treatment Center.\n'
            "We appreciate your respect to her and her family's privacy at this time,\" the "
            "actress's rep Jack Ketsoyan tells the mag.")
    got = _quotes(nlp, text)
    assert ("actress's rep Jack Ketsoyan",
            "We appreciate your respect to her and her family's privacy at this time",
            True) in got


def test_single_quoted_quote_closed_in_its_sentence_is_direct(nlp):
    # 1_5ecb (celebrity): single quote marks, opened on an earlier line
    text = ("Reid told People in October that she was a social drinker.\n"
            "'I've done it.\nI had fun.\nI don't need to do anything anymore,' she told the "
            "magazine.")
    got = [q for q in _quotes(nlp, text) if q[1] == "I don't need to do anything anymore"]
    assert [(q[0], q[2]) for q in got] == [("Reid", True)]


def test_unquoted_reported_speech_stays_reported(nlp):
    text = "The company said its profit rose in the third quarter on strong demand."
    (got,) = _quotes(nlp, text)
    assert got == ("company", "its profit rose in the third quarter on strong demand", False)


def test_paragraph_left_open_continues_into_the_next_quote(nlp):
    # sports, copy-editing convention: an open paragraph, the next one reopens the quote
    text = ("The coach spoke after the game.\n"
            '"We played with a lot of heart tonight and I am proud of every player.\n'
            '"We will be back next season," coach Ann Lee said.\n')
    assert _quotes(nlp, text) == [
        ("coach Ann Lee", "We played with a lot of heart tonight and I am proud of every player.",
         True),
        ("coach Ann Lee", "We will be back next season", True)]


def test_first_line_of_a_quote_spread_over_lines_is_kept(nlp):
    # 1_7ecb (celebrity): one sentence per line, the quote closes a line later
    text = ('"Tara Reid has checked herself into Promises Treatment Center.\n'
            "We appreciate your respect to her and her family's privacy at this time,\" the "
            "actress's rep Jack Ketsoyan tells the mag.")
    assert ("actress's rep Jack Ketsoyan",
            "Tara Reid has checked herself into Promises Treatment Center.", True) \
        in _quotes(nlp, text)


def test_open_paragraph_without_a_following_quote_is_not_a_quote(nlp):
    text = '"We did not expect this result at all from the voters\nThe count continues.'
    assert _quotes(nlp, text) == []


def test_he_after_a_negated_say_is_the_one_who_did_not_say(nlp):
    # 1_18ecb (celebrity), shortened: nothing is reported from "did not say", but "he" in the
    # next quote is still the publicist, not the actress named inside that sentence
    text = ("Tara Reid checked into a treatment centre, her publicist Jack Ketsoyan said.\n"
            "He did not say what Reid was being treated for.\n"
            '"We appreciate your respect to her privacy at this time," he said.')
    got = _quotes(nlp, text)
    assert [q for q in got if "being treated" in q[1]] == []
    assert ("Jack Ketsoyan", "We appreciate your respect to her privacy at this time", True) \
        in [(q[0].removeprefix("her publicist "), q[1], q[2]) for q in got]


def test_conditional_opening_a_quote_is_not_an_indirect_question(nlp):
    # 31_12ecb (sports): the quote opens on the line before and its sentence opens with "If"
    text = ('"I don\'t put anything past Tyler.\n'
            "If somebody tells me he's going to break the NBA scoring record -- boy, that's "
            'going to be hard -- but you never say never when it comes to Tyler," Gene '
            "Hansbrough said.\n")
    got = _quotes(nlp, text)
    assert ("Gene Hansbrough", "If somebody tells me he's going to break the NBA scoring record "
            "-- boy, that's going to be hard -- but you never say never when it comes to Tyler",
            True) in got
    assert ("Gene Hansbrough", "I don't put anything past Tyler.", True) in got
    assert all(q[0] != "somebody" for q in got)


@pytest.mark.parametrize("text", [
    "If the minister says the budget is final, the unions will strike.",
    "Unless someone tells them the road is closed, drivers will keep coming.",
])
def test_supposed_saying_reports_nothing(nlp, text):
    assert _quotes(nlp, text) == []


def test_verb_whose_clause_holds_another_quote_does_not_govern_the_next(nlp):
    # 1_12ecbplus (celebrity): Heller's verb has its own quote; the last one is the
    # prosecutor's
    text = ("Prosecutor Terry White told The Post a couple hours after a court hearing — where "
            "Lohan’s lawyer Mark Heller said she was “ensconced in the bosom” of Morningside "
            "Recovery in Newport Beach — “I hear she’s on her way to LAX and getting on a flight "
            "back to New York.”")
    got = {q[1]: q[0] for q in _quotes(nlp, text)}
    assert got["I hear she’s on her way to LAX and getting on a flight back to New York."] == \
        "Prosecutor Terry White"
    assert got["ensconced in the bosom"] == "Lohan’s lawyer Mark Heller"


def test_two_quotes_around_one_verb_share_its_speaker(nlp):
    text = '"We will win this case," the lawyer said, "and we will do it in court."'
    got = _quotes(nlp, text)
    assert [q[0] for q in got] == ["lawyer", "lawyer"]


def test_inverted_name_beats_the_fronted_noun(nlp):
    # 43_15ecbplus (business): the parser also made "acquisition" a subject of "said"
    text = ('The acquisition, said Papermaster, "allows us to redefine the server building '
            'block," and he noted that AMD was keen on becoming "an agile SoC company," '
            "referring to system-on-chip designs.")
    got = {q[1]: q[0] for q in _quotes(nlp, text)}
    assert got["allows us to redefine the server building block"] == "Papermaster"


def test_participle_after_the_verb_shares_its_speaker(nlp):
    # 41_5ecb (conflict)
    text = ('The three men who were killed were "Gazans who had fled their home earlier that '
            'day," the UNRWA official said, adding that they thought "they would be safe in a '
            'UN school in Gaza City."')
    got = {q[1]: q[0] for q in _quotes(nlp, text)}
    assert got["they would be safe in a UN school in Gaza City."] == "UNRWA official"


def test_noun_of_the_reported_clause_is_not_the_speaker(nlp):
    # 19_14ecb (police shooting)
    text = ('Forensic experts said the bullet was "a bit deformed", suggesting that it had '
            "bounced off a hard surface before hitting the boy in the chest.")
    got = {q[1]: q[0] for q in _quotes(nlp, text)}
    assert got["a bit deformed"] == "Forensic experts"


def test_possessor_of_the_previous_speaker_is_not_that_speaker(nlp):
    # 1_11ecb (celebrity), shortened: Reid is the subject named since the rep's quote
    text = ('"Tara Reid has checked herself into Promises Treatment Center," Reid\'s rep told '
            "Us.\nSomehow, Reid managed to mess up the dream job by being too wasted to film it.\n"
            '"It was a mess," she said of the show.')
    got = {q[1]: q[0] for q in _quotes(nlp, text)}
    assert got["It was a mess"] == "Reid"


@pytest.mark.parametrize("text, speaker, said", [
    # 1_18ecbplus (celebrity)
    ("Lohan lawyer Mark Heller told the judge that Lohan had checked into a rehab, but "
     "prosecutors have not signed off on the facility, reports AP.", "Lohan lawyer Mark Heller",
     "Lohan had checked into a rehab, but prosecutors have not signed off on the facility"),
    # 13_21ecb (fire)
    ("Officials said they were treating the fire as a possible arson, the Anchorage Daily News "
     "reported Sunday.", "Officials", "they were treating the fire as a possible arson"),
    # business, elections
    ("The company said its profit fell by a third, according to the Financial Times.",
     "company", "its profit fell by a third"),
    ("The governor said turnout was the highest in decades, the newspaper said.", "governor",
     "turnout was the highest in decades"),
])
def test_trailing_attribution_is_trimmed_from_reported_speech(nlp, text, speaker, said):
    assert (speaker, said, False) in _quotes(nlp, text)


def test_another_speakers_report_is_cut_from_reported_speech(nlp):
    # 1_5ecbplus (celebrity)
    text = ("Lindsay Lohan's attorney said the actress checked into a California rehab facility, "
            "but a state official said it is unlicensed to perform the type of treatment a judge "
            "required.")
    got = _quotes(nlp, text)
    assert ("Lindsay Lohan's attorney", "the actress checked into a California rehab facility",
            False) in got


@pytest.mark.parametrize("text", [
    # 3_1ecb (crime): the opening adverbial is part of the report
    "Greenway said, \"I believe he did not win.\" In his own words, he said it's not his DNA "
    "to stay in jail, which is what he has to look forward to.",
    # sports
    "The coach said that, in his view, the team had played its best game of the season.",
])
def test_opening_adverbial_is_no_trailing_attribution(nlp, text):
    assert all(len(q[1].split()) > 4 for q in _quotes(nlp, text))


def test_according_to_names_the_speaker_of_a_quote_without_verb(nlp):
    # storms
    text = ('"The roof just flew off and the whole street went dark," according to a neighbour '
            "of the family.")
    (got,) = _quotes(nlp, text)
    assert got[0].removeprefix("a ") == "neighbour of the family"


def test_it_said_after_an_organisation_quote_is_that_organisation(nlp):
    # 27_7ecb (business): the tagger calls Mozilla a person; "it" still stands for it
    text = ('The bugs in the browser could have been "used to run attacker code and install '
            'software, requiring no user interaction beyond normal browsing," said Mozilla.\n'
            "It is also reissuing calls for users to upgrade from Firefox 2.0 to Firefox 3.0 as "
            'soon as possible and said it is "not planning any further security and stability '
            'updates for Firefox 2".')
    got = {q[1]: q[0] for q in _quotes(nlp, text)}
    assert got["not planning any further security and stability updates for Firefox 2"] == \
        "Mozilla"


@pytest.mark.parametrize("text, speaker", [
    # 27_1ecbplus (business)
    ("Attackers could set up websites designed to exploit the flaw, Microsoft said.\n"
     "Targeted attacks directed at older versions had already been reported, it said.",
     "Microsoft"),
    # elections
    ("The electoral commission said turnout reached a record high on Sunday.\n"
     "It said the final count would be published within a week.", "electoral commission"),
])
def test_it_said_after_an_organisation_subject_is_that_organisation(nlp, text, speaker):
    got = _quotes(nlp, text)
    assert [q[0] for q in got] == [speaker, speaker]


def test_it_said_after_a_person_is_nobody(nlp):
    text = ("Mr. Tom Baker said the market had turned.\n"
            "It said the shares would fall again by the end of the year.")
    assert [q[0] for q in _quotes(nlp, text)] == ["Mr. Tom Baker"]


@pytest.mark.parametrize("text", [
    "Update 2: 10pm said the talks had collapsed after a night of argument.",
    "Advertisement said the company would close three of its plants next year.",
    '"We were searching for the truth all along," 12 said.',
])
def test_page_furniture_is_no_speaker(nlp, text):
    assert all(q[0] is None or not any(c.isdigit() for c in q[0]) and
               "advertisement" not in q[0].lower() for q in _quotes(nlp, text))


@pytest.mark.parametrize("phrase", ["Update 2: 10pm", "advertisement", "12", ":",
                                    "Photo: Getty Images", "10 p.m."])
def test_speaker_or_none_rejects_furniture(phrase):
    assert speaker_or_none(phrase) is None


@pytest.mark.parametrize("phrase", ["police", "Mr. Tom Baker", "the 49ers coach", "G7 leaders"])
def test_speaker_or_none_keeps_speakers(phrase):
    assert speaker_or_none(phrase) == phrase
