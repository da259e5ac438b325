"""The paragraph rules of cleaning: each says why a paragraph (or its prefix) is not news.

A rule is a small function ``rule(page, i) -> reason | None`` looking at paragraph ``i`` of the
paragraphs still kept (``page.blocks``) and, where it needs them, at its neighbours. Reasons are
short, stable strings a user reads in the audit trail. Regexes are compiled once at import;
nothing here changes as documents pass.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

# --- shared helpers -------------------------------------------------------------------------

_NORM = re.compile(r"[\W_]+", re.UNICODE)
_SENTENCE_END = ".!?;…"
_CLOSERS = "\"”’')]»"
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or over per the to up via vs with".split()
)


def normalise(text: str) -> str:
    """Lower-case words only: how two paragraphs are compared for repetition."""
    return _NORM.sub(" ", text.lower()).strip()


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """True if the paragraph ends like prose: a period, "!", "?" or ";", possibly inside
    closing quotes or brackets ("... he said.”"). A quote closed without a period, as in
    "Union Rejects 'Final Offer'", is a headline's ending, not a sentence's."""
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def is_title_case(text: str) -> bool:
    """True if most content words start with a capital (or a digit), as headlines do."""
    words = [w.strip("\"'“”‘’()[]:,;-–—") for w in text.split()]
    content = [w for w in words if w and w.lower() not in _SMALL_WORDS]
    if not content:
        return False
    capital = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return capital / len(content) >= 0.75


@dataclass(frozen=True)
class Block:
    """One paragraph still kept: its span in the original text and its text."""

    index: int  # 1-based position among all paragraphs of the original text
    start: int
    end: int
    text: str
    norm: str = ""  # normalise(text), filled by make_block


def make_block(index: int, start: int, end: int, text: str) -> Block:
    """A Block with its normalised text computed once."""
    return Block(index, start, end, text, normalise(text))


@dataclass(frozen=True)
class Page:
    """The paragraphs still kept, and whether the article's title is already known."""

    blocks: tuple[Block, ...]
    title: str | None

    def next_text(self, i: int) -> str | None:
        """The text of the paragraph after ``i``, or None at the end."""
        return self.blocks[i + 1].text if i + 1 < len(self.blocks) else None

    @cached_property
    def repeats(self) -> _RepeatIndex:
        """Where each normalised text, and each text's first and last characters, occur."""
        return _RepeatIndex.of(self.blocks)


_KEY_CHARS = 12


@dataclass(frozen=True)
class _RepeatIndex:
    """Positions by exact normalised text and by its first/last characters, so a paragraph is
    compared only with the few earlier ones that could be its copy (a copy with a typo still
    shares its start or its end), not with every earlier paragraph."""

    first: dict[str, int]
    by_key: dict[str, list[int]]

    @staticmethod
    def of(blocks: tuple[Block, ...]) -> _RepeatIndex:
        first: dict[str, int] = {}
        by_key: dict[str, list[int]] = {}
        for position, block in enumerate(blocks):
            first.setdefault(block.norm, position)
            for key in _keys(block.norm):
                by_key.setdefault(key, []).append(position)
        return _RepeatIndex(first, by_key)


def _keys(norm: str) -> tuple[str, str]:
    return "<" + norm[:_KEY_CHARS], ">" + norm[-_KEY_CHARS:]


Rule = Callable[[Page, int], "str | None"]


def _block_rule(name: str, reason: str, removes: Callable[[str], bool], doc: str
                ) -> Callable[[Page, int], str | None]:
    """A rule (named ``name``) that removes, for ``reason``, a block whose text ``removes``."""

    def rule(page: Page, i: int) -> str | None:
        return reason if removes(page.blocks[i].text) else None

    rule.__name__ = rule.__qualname__ = name
    rule.__doc__ = doc
    return rule


def _whole_block_rule(name: str, reason: str, pattern: re.Pattern[str], doc: str
                      ) -> Callable[[Page, int], str | None]:
    """A rule removing a block whose whole text matches ``pattern``."""
    return _block_rule(name, reason, lambda text: bool(pattern.match(text)), doc)


def _short_block_rule(name: str, reason: str, pattern: re.Pattern[str], max_words: int,
                      doc: str) -> Callable[[Page, int], str | None]:
    """A rule removing a block of at most ``max_words`` words in which ``pattern`` occurs
    (longer blocks are prose that merely mentions it)."""
    return _block_rule(
        name, reason, lambda text: word_count(text) <= max_words and bool(pattern.search(text)),
        doc)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- boilerplate ----------------------------------------------------------------------------

_COMMENT_ANYWHERE = _rx(
    r"your email address will not be published|required fields are marked"
    r"|save my name, email,? and website|comments are (closed|moderated)"
    r"|commenting (policy|guidelines)|(log|sign) in to (comment|reply)"
)
_COMMENT_LINE = _rx(
    r"^(leave a (reply|comment|response)|post a comment|add a comment|\d+ comments?"
    r"|(view|show|hide|read|load) (all )?\d* ?comments|comments?|join the (conversation|discussion)"
    r"|(name|email|website|comment)\s*\*?|cancel reply|post comment|submit( comment)?)\W*$"
)


def comment_form(page: Page, i: int) -> str | None:
    """Comment forms ("Leave a Reply", "Your email address will not be published") belong to
    the page, not the report."""
    text = page.blocks[i].text
    if _COMMENT_LINE.match(text) or (word_count(text) <= 40 and _COMMENT_ANYWHERE.search(text)):
        return "comment form"
    return None


_SOURCE_LINK = _rx(
    r"^((original )?(source|article|story)( link)?|source|via|link)\s*:?\s*$"
    r"|^the post\b.{0,300}\b(appeared first on|has been published on)\b"
    r"|^(information|content) (from|provided by)\s*:"
    r"|^source\s*:\s*[^.!?]{1,60}$"
)


source_link = _whole_block_rule(
    "source_link", "source link", _SOURCE_LINK,
    """Aggregators append a bare "Source link" (or "Source: Outlet") pointing at the original.""")


_SHARE_BUTTON = _rx(
    r"^(share|tweet|email|e-mail|print|pin|save|reddit|whatsapp|facebook|twitter|x|linkedin"
    r"|flipboard|pinterest|messenger|copy link|link copied|reuse this content|gift( this)? article)"
    r"(\s+(this|it|story|article|on \w+|via \w+))?\W*$"
)
_SHARE_PROMPT = _rx(
    r"\b(subscribe (to|now|today|for)|subscribe\W*$|newsletters?\b|sign up (for|to|now|here)"
    r"|follow us|like us on|^follow [\w .&'-]{1,40}(:|on)\s*(facebook|twitter|instagram|x)\b"
    r"|follow (him|her|them|[A-Z][\w.]+ ){0,3}on (twitter|facebook|instagram|x)\b"
    r"|download (our|the) (free )?[\w ]{0,20}app|get (the|our) [\w ]{0,20}app"
    r"|breaking news (alerts|emails|delivered)|news alerts|delivered (straight "
    r"|directly )?to your inbox"
    r"|share (this|your) (story|article|thoughts|photos|video)|share on (facebook|twitter|x)"
    r"|send (us )?(a |your )?(news )?tips?\b|have a news tip|\bnews tip\b"
    r"|get the latest (news )?from [\w .&'-]{1,40}(anytime|:)|\b(iphone|ipad|android) \|"
    r"|\b(email|push|browser|news|get|turn on|enable) notifications?\b|your notifications?\b"
    r"|notifications? (have been|has been|are|were|is) (saved|sent|enabled|only)"
    r"|read or share this|share this (story|article)\b)"
)


def share_prompt(page: Page, i: int) -> str | None:
    """Share buttons and subscribe/newsletter/follow prompts are page furniture; long
    paragraphs are spared so news that mentions a newsletter stays."""
    text = page.blocks[i].text
    if _SHARE_BUTTON.match(text) or (word_count(text) <= 35 and _SHARE_PROMPT.search(text)):
        return "share/subscribe prompt"
    return None


_COPYRIGHT = _rx(
    r"^(©|\(c\)\s*\d{4}|copyright\b)|©|\bcopyright\s+(©\s*)?\d{4}|all rights reserved"
    r"|this material may not be (published|broadcast)|may not be (re)?published, broadcast"
    r"|(rewritten|re-written),? or redistributed|trust principles|^our standards\s*:"
)


copyright_footer = _short_block_rule(
    "copyright_footer", "copyright footer", _COPYRIGHT, 45,
    """Copyright footers ("© 2024 Outlet", "All rights reserved") close the page, not the story.""")


_DEVELOPING = _rx(
    r"this is a (developing|breaking)( news)? (story|situation)|this (story|article|report|post)"
    r" (is developing|is breaking|will be updated|has been updated|may be updated|will update)"
    r"|check back (here |later |soon |often )*(for|with) (more|further|the latest|updates)"
    r"|check back (with|on) [\w .,&']{1,50} for (more|further|the latest|updates)"
    r"|(stay|stick) with [\w .,&]{0,40}\b(for|as|on) (updates|the latest|more|this developing"
    r"|we learn)"
    r"|(we will|we'll|we will continue to) update this (story|article|report|post)"
    r"|refresh (this page )?for (updates|the latest)"
    r"|(more )?(details|information|updates) (to come|will be (posted|added|provided))"
    r"|^(updated?|breaking( news)?|developing( story)?|update \d*)\W*$"
    r"|\bthis (article|story|page) (is outdated|has been (archived|removed)|is no longer available)"
    r"|\b(was|has been) moved to (the |our )?archives?\b"
)


developing_note = _short_block_rule(
    "developing_note", "developing-story note", _DEVELOPING, 40,
    """"This is a developing story, check back for updates" is an editor's note, not news.""")


_COOKIE_LOGIN = [
    _rx(r"\b(use|uses|using|accept|enable|allow|manage|store)\b[^.]{0,40}\bcookies\b"),
    _rx(r"\bcookies? (policy|settings|preferences|notice|consent)"
        r"|\b(privacy|cookie) (policy|notice)"
        r"|terms (of|and) (use|service|conditions)|\bconsent (preferences|settings|manager)"),
    _rx(r"^(please )?(log ?in|sign ?in|register|sign up|create (an|a free) account|subscribe)\b"),
    _rx(r"\b(log ?in|sign ?in|register|subscribe)\b[^.]{0,40}\bto (continue|read|comment|keep"
        r" reading|access|view|unlock|post)\b"),
    _rx(r"already (a )?(subscriber|member|registered)|enable javascript|javascript (is )?(disabled"
        r"|required|turned off)|\bad ?blocker|(unsupported|outdated) browser|upgrade your browser"
        r"|your browser (does not|doesn't|is not)|(free|remaining) (articles?|stories) (remaining"
        r"|left)"
        r"|you have (reached|read) [\w ]{0,30}(limit|free)|subscriber[- ]only|for subscribers"
        r"|(don't|do not) have an account|forgot (your )?password"
        r"|thank you for (registering|signing up|subscribing|reading)|verification (email|message"
        r"|link)"
        r"|activate your [\w.]{0,20} ?(profile|account)|create one now|login now"
        r"|(have|need) an? (online |digital |print )?(subscription|account)\?"
        r"|sign in to (update|manage|save)|public (inspection )?file\b|\beeo (public )?report"),
]


def cookie_login_prompt(page: Page, i: int) -> str | None:
    """Cookie/consent banners, login/registration walls and browser warnings are page chrome;
    only short paragraphs are judged, so news about cookies or voter registration stays."""
    text = page.blocks[i].text
    if word_count(text) > 45:
        return None
    return "cookie/login prompt" if any(p.search(text) for p in _COOKIE_LOGIN) else None


_ADVERTISEMENT = _rx(
    r"^(advertisement|advertising|ad|ads|sponsored( content| links| stories)?|paid (content|post)"
    r"|promoted( content| stories)?|story continues below( this)?( advertisement| ad)?"
    r"|(article|story) continues (below|after)( advertisement| ad| this ad)?"
    r"|continue reading( below| the main story)?|skip (this )?ad|ad feedback|report (this )?ad"
    r"|supported by)\W*$"
)


advertisement = _whole_block_rule(
    "advertisement", "advertisement", _ADVERTISEMENT,
    """Ad slots leave labels ("Advertisement", "Story continues below") in extracted text.""")


_READ_MORE = _rx(
    r"^[►▶»•+*■▪\s]*(read (more|also|next|the full (story|article)( here)?|full article)"
    r"|also read|see also|related"
    r"( stories| articles| coverage| content| links| news| video)?|more( on| from| stories| news)?"
    r"|recommended( reading| stories| for you)?|watch( now| video| live| more)?|video|listen"
    r"|click here|you (may|might) also like|trending( now| stories)?|top stories|most (read|popular"
    r"|viewed|shared)|latest (news|stories|headlines)|(next|previous|prev) (story|article|post)"
    r"|(view|see|more) (photo )?(gallery|photos|videos)|photos?|gallery|in case you missed it"
    r"|don't miss|more headlines|popular stories|editor'?s picks|more from [\w .&'-]{1,40}"
    r"|watch (this|the) (story|video|report)|explore more( on these topics)?|topics|tags"
    r"|filed under|more about)\s*(:|»|›|>|\||$)"
)
_CLICK_HERE = _rx(
    r"\bclick here\b|\btap here\b|^click (for|to) (more|read|see|watch)"
    r"|^related (coverage|content|stories|articles|links|video)\b"
)


def read_more_link(page: Page, i: int) -> str | None:
    """"Read more:", "Related:", "Click here" lines link to other pages."""
    text = page.blocks[i].text
    words = word_count(text)
    if (words <= 40 and _READ_MORE.match(text)) or (words <= 30 and _CLICK_HERE.search(text)):
        return "related/read-more link"
    return None


_UI_LABEL = _rx(
    r"^(close|play|pause|replay|next|previous|prev|back|back to top|skip|loading\W*|menu|search"
    r"|home|expand|collapse|toggle caption|hide caption|enlarge this image|full ?screen|embed"
    r"|show more|show less|read less|see more|load more|more|less|open|mute|unmute|volume"
    r"|now playing|up next|autoplay|cancel|ok|yes|no thanks|got it|accept|dismiss|x|×|\W+"
    r"|listen to (this )?(article|story)( \d+ min(utes?)?)?|\d{1,2} min(ute)?s? read)\s*$"
)


_CONTACT = [
    _rx(r"^(contact|reach|email|e-mail|write to|follow)\b[^.]{0,80}(@|\bat\b\s*[\w(]|:)"),
    _rx(r"^[\w.+-]+@[\w-]+(\.[\w-]+)*(\s+or\s+.{0,30})?$|^\(?\d{3}\)?[\s.-]*\d{3}[\s.-]\d{4}\W*$"),
    _rx(r"\bis an? [\w ]{0,40}(staff writer|reporter|correspondent|editor|columnist)\b[^.]{0,40}\."
        r"\s*(reach|contact|e-?mail|follow)\b"),
    re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} is an? (?:[\w-]+ ){0,3}"
               r"(?:reporter|writer|correspondent|editor|columnist|contributor|photographer)\b"
               r"[^.]{0,60}\.?$"),
]
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def author_contact(page: Page, i: int) -> str | None:
    """"Contact Jane Doe at jdoe@outlet.com" and reporter bios are page furniture."""
    text = page.blocks[i].text
    if word_count(text) > 35:
        return None
    if any(p.search(text) for p in _CONTACT) or (word_count(text) <= 6 and _EMAIL.search(text)):
        return "author contact line"
    return None


_TEMPLATE = re.compile(r"\$\{|\$__|\{\{|\}\}|<%|%>")


def template_code(page: Page, i: int) -> str | None:
    """Unrendered page-template placeholders ("${__output}") are not text."""
    return "template code" if _TEMPLATE.search(page.blocks[i].text) else None


_EMBED = [
    _rx(r"pic\.twitter\.com/|^embed\b|more news videos|\bembed >|^(raw )?video:"),
    _rx(r"[—–-]\s*[^—–]{1,60}\(@\w{1,30}\)\s*\w+\.? \d{1,2}, \d{4}\W*$"),  # tweet signature
    # "1:35 Video title": a video playlist entry ("12:39 a.m. — A caller ..." is a log entry)
    _rx(r"^\d{1,2}:\d{2}\s+(?![ap]\.?m\b)\S"),
    _rx(r"\(published [^)]{0,60}\d{4}\)\W*$"),  # a video's caption with its date
    _rx(r"\b(see|watch) the (full )?video here\b|^on a mobile device\?"),
    _rx(r"add a location to your tweets|when you tweet with a location"),
    _rx(r"^view this (post|photo|video) on (instagram|facebook|twitter|x|tiktok|youtube)"
        r"|^a (post|video|photo) shared by .{1,60}\(@[\w.]+\)"),
]


def embedded_media(page: Page, i: int) -> str | None:
    """Embedded posts, video players and playlists ("EMBED >More News Videos", tweets with
    their "— Name (@handle) July 8, 2016" signature, "1:35 Title") are not the report."""
    text = page.blocks[i].text
    if word_count(text) <= 60 and any(p.search(text) for p in _EMBED):
        return "embedded post or video"
    return None


page_control = _whole_block_rule(
    "page_control", "page control label", _UI_LABEL,
    """Buttons and player controls ("Close", "Up next", "Loading...") are not text.""")


# --- photos ---------------------------------------------------------------------------------

_AGENCY = (
    r"(getty images|getty|shutterstock|alamy|ap|the associated press|afp|reuters|epa(-efe)?|efe"
    r"|xinhua|nurphoto|sopa images|lightrocket|bloomberg|upi|pa( wire| images)?"
    r"|imago|zuma( press| wire)?|dpa|ansa|tass|sipa|polaris|istock(photo)?|file|handout"
    r"|wireimage|filmmagic|abaca|rex|rex features|newscom)"
)
_CREDIT_END = re.compile(
    rf"(^|[\s.,/|(–—-]){_AGENCY}(\s+file)?( photo)?\s*\)?$", re.IGNORECASE
)
_CREDIT_START = _rx(
    r"^(\(?(photo|photograph|picture|image|video|graphic|illustration)s?\s*(:|by\b|credit\b"
    r"|courtesy\b)"
    r"|(photo|image|picture) (credit|courtesy|copyright|caption)\b|credit\s*:|courtesy( of)?\b"
    r"|the (photo|photograph|picture|image)s? (was|were) (taken|provided|supplied) by"
    r"|(file )?photo\s*[/:]|pictured\s*:|(image|photo|picture|media|video) (source|caption)\b)"
)
_CREDIT_INSIDE = _rx(
    r"\((ap|afp|reuters|epa|getty|upi)\s*(photo|images)[^)]{0,80}\)"
    r"|\((photo|photograph|credit|image|courtesy|source)\s*(:|,|by|of)[^)]{0,80}\)\W*$"
    r"|\([A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}\s*/\s*[\w .'’&-]{2,40}\)\W*$"
    r"|^\([^()]{0,80}\b(via )?(ap|afp|reuters|getty images)\)"
    r"|\b(ap|afp|epa|reuters) photo\s*/|\bphoto\s*(:|by)\s*[A-Z]|\bvia getty images\b|/getty images"
    r"|\bphotograph(ed)?:"
)
_COUNTER = _rx(
    r"^(\d{1,3}|\d{1,3}\s*(of|/)\s*\d{1,3}|(photo|image|slide|picture|gallery)s?\s*[#:]?\s*\d{1,3}"
    r"(\s*(of|/)\s*\d{1,3})?|\d{1,3}\s+(photos|images|pictures|slides))\W*$"
)


def is_credit(text: str) -> bool:
    """True if a short paragraph carries a photo credit (alone or after its caption)."""
    if word_count(text) > 60 or _SOURCE_LINK.match(text):
        return False
    if text.endswith(".") and not _CREDIT_START.match(text) and not _CREDIT_INSIDE.search(text):
        return False
    if _CREDIT_START.match(text) and word_count(text) > _MAX_CREDIT_WORDS:
        return False  # "Photo: Getty" glued to the start of a long text: the text is news
    tail = text if len(text) <= 100 else text[-100:]
    return bool(
        _CREDIT_END.search(tail) or _CREDIT_START.match(text) or _CREDIT_INSIDE.search(text)
    )


_MAX_CREDIT_WORDS = 25


_GALLERY_CAPTION = _rx(r"^(image|photo|slide|picture)s?\s*\d{1,3}\s*(of|/)\s*\d{1,3}\s+\S")


def photo_credit(page: Page, i: int) -> str | None:
    """Photo credits ("AFP via Getty Images", "Photo by ...", "(AP Photo/...)") and the
    captions they end are picture furniture. A credit alone is a credit; a caption with its
    credit glued on is a caption, and so is a gallery slide ("Image 5 of 12 A forensic...")."""
    text = page.blocks[i].text
    if word_count(text) <= 80 and _GALLERY_CAPTION.match(text):
        return "photo caption"
    if not is_credit(text):
        return None
    return "photo credit" if _is_bare_credit(text) else "photo caption"


gallery_counter = _whole_block_rule(
    "gallery_counter", "gallery counter", _COUNTER,
    """Slideshow counters ("10", "1 of 12", "Photo 3/10") are leftovers of a gallery widget.""")


def caption_before_credit(page: Page, i: int) -> str | None:
    """A short paragraph right before a photo credit or gallery counter is that photo's caption
    (sites print caption, then counter or credit). Long paragraphs are spared."""
    text = page.blocks[i].text
    if word_count(text) > 45 or is_credit(text) or _COUNTER.match(text):
        return None
    following = page.next_text(i)
    if following is None:
        return None
    if _LABELLED.match(following):
        return None
    if _COUNTER.match(following) or (is_credit(following) and _is_bare_credit(following)):
        return "photo caption"
    if is_credit(following) and not ends_sentence(text):
        # alt text without a period before a caption that carries the credit
        return "photo caption"
    return None


def _is_bare_credit(text: str) -> bool:
    """A credit alone ("Photo: Facebook", "AP"), not a caption that ends with one."""
    return bool(_CREDIT_START.match(text)) or word_count(text) <= 8


# "Image source, Getty Images" / "Image caption, ..." (labelled credit and caption lines) come
# with their own text: the paragraph before them is not their caption.
_LABELLED = _rx(r"^(image|photo|picture|media|video) (source|caption)\b")


# --- bylines and headlines ------------------------------------------------------------------

_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|del|la|le|bin|al))*"
_NOT_NAME = _rx(
    r"^(the|a|an|this|that|then|now|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june"
    r"|july|august|september|october|november|december|noon|midnight|law|far|police)\b"
)
_BYLINE = re.compile(
    rf"^(?i:(?:(?:written|posted|reported|story|words)\s+)?by)\s*:?\s+(?P<name>{_NAME}"
    rf"(?:\s+(?:and|&)\s+{_NAME})*)"
    r"(?P<rest>\s*(?:[,|/•·–—-]|\bfor\b|\bat\b|\bof\b).{0,80})?$"
)
_CREDITS_LINE = _rx(
    r"^((additional )?reporting by|(writing|editing|compiled|produced) by|contributing:)"
    r"|\bcontributed (reporting )?(to )?(this|the) (report|story|article)\b|^staff (report"
    r"|writer)s?\W*$"
    r"|^(the )?(associated press|reuters|afp|agence france-presse|cnn wire|upi|bloomberg)"
    r"( staff| wire)?( writers?| reporters?)?\W*$"
)


def byline_match(text: str) -> re.Match[str] | None:
    """The byline match of a whole paragraph ("By Jane Doe, Outlet"), or None."""
    if word_count(text) > 16 or ends_sentence(text) and not text.endswith("."):
        return None
    match = _BYLINE.match(text)
    if match is None or _NOT_NAME.match(match.group("name")):
        return None
    name_words = match.group("name").split()
    if not all(w[0].isupper() or w.lower() in {"and", "de", "van", "von", "da", "del", "la",
                                                  "le", "bin", "al"} or w in {",", "&"}
               for w in name_words):
        return None
    return match


def byline(page: Page, i: int) -> str | None:
    """A "By Jane Doe" line (or a "Reporting by" credits line) names the author; it becomes
    metadata, not body text."""
    text = page.blocks[i].text
    if byline_match(text) or (word_count(text) <= 30 and _CREDITS_LINE.search(text)):
        return "byline"
    if _SIGNATURE.match(text):
        return "byline"
    if _DATELINE_ALONE.match(text):
        return "dateline"
    return None


_SIGNATURE = re.compile(r"^(?:[—–]|--?)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}$")
_DATELINE_ALONE = re.compile(
    r"^[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,2})?"
    r"\s*(?:\([\w .&'’-]{1,30}\))?\s*[-–—]{1,2}$"
)


_WEEKDAYS = r"(mon|tues?|wed(nes)?|thu(rs?)?|fri|sat(ur)?|sun)(day)?\.?"
_MONTHS = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?"
    r"|oct(ober)?|nov(ember)?|dec(ember)?)\.?"
)
_DATE_TOKEN = re.compile(
    rf"^({_WEEKDAYS}|{_MONTHS}|\d{{1,4}}(st|nd|rd|th)?,?|\d{{1,2}}:\d{{2}}(:\d{{2}})?(am|pm)?,?"
    r"|\d{4}-\d{2}-\d{2}(t[\d:.z+-]*)?|\d{1,2}/\d{1,2}/\d{2,4},?|[ap]\.?m\.?,?|[a-z]{1,2}t|est"
    r"|edt|cst"
    r"|cdt|mst|mdt|pst|pdt|gmt|utc|bst|cet|cest|eet|eest|ist|wib|jst|kst|hkt|sgt|msk|aest|aedt"
    r"|published|posted|updated|last|first|modified"
    r"|created|on|at|date|time|and|\||/|-|–|—|•|·|:)$",
    re.IGNORECASE,
)
_HAS_DIGIT = re.compile(r"\d")


def is_date_line(text: str) -> bool:
    """True if the line is made only of a date and time ("Published: Jan. 3, 2024 10:30 AM ET",
    "10:55 P.M. FEB. 2, 2009"), in any case."""
    words = text.replace(",", " ").split()
    if not words or len(words) > 14 or not _DATE_SIGNAL.search(text):
        return False  # a bare number ("10") is a counter, not a date
    return all(_DATE_TOKEN.match(w.rstrip(",:")) or _DATE_TOKEN.match(w) for w in words)


_DATE_SIGNAL = re.compile(
    rf"(?i:\b{_MONTHS}(?!\w)|\d:\d\d|\b(19|20)\d\d\b|\d/\d|\d-\d\d-\d|\d\s*[ap]\.?m\b)"
)


# "CITY, July 2, 2024" / "Agency, Tuesday 2 Jul 2024": a place or agency, a comma, a date.
_PLACE_BEFORE_DATE = re.compile(
    r"^(?P<place>[A-Z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,3}(?:,\s*[A-Z][\w.'’-]*){0,1}),"
    r"\s*(?P<date>.+)$"
)
_MONTH_OR_YEAR = re.compile(rf"(?i:\b{_MONTHS}(?!\w)|\b(19|20)\d\d\b)")


def is_dateline_line(text: str) -> bool:
    """True for a line that is only a place (or agency) and a date ("CITY, July 2, 2024"):
    metadata of the page, never its headline."""
    match = _PLACE_BEFORE_DATE.match(text.strip())
    if match is None or _NOT_NAME.match(match.group("place")):
        return False
    date = match.group("date")
    return is_date_line(date) and bool(_MONTH_OR_YEAR.search(date))


def date_line(page: Page, i: int) -> str | None:
    """A line made only of a date and time is the page's timestamp; it becomes the published
    date, not body text. A place or agency with a date ("CITY, July 2, 2024") is a dateline
    line: metadata too. Both are judged before any headline or embed rule."""
    text = page.blocks[i].text
    if is_date_line(text):
        return "date line"
    if is_dateline_line(text):
        return "dateline"
    return None


_BULLETS = "+•►▶»·*■▪-–— \t"
_INNER_SENTENCE = re.compile(
    r"\b(?!(?i:gen|gov|sen|rep|capt|sgt|col|maj|mrs|jan|feb|mar|apr|aug|sept?|oct|nov|dec|ave"
    r"|blvd|rd|st|mt|ft|no|vs|inc|jr|sr|co|corp|dept|univ|lt|det|supt|cpl|pvt|adm|atty|hon|rev"
    r"|prof|dr|mr|ms)\.)[a-z]{2,}[.!?][\"”’]?\s*[A-Z]"
)
_PROSE_WORDS = frozenset(
    "a an the was were had would could they he she his her their it but we i you".split()
)
# Headlines are written in the present tense: one of these alone marks a sentence.
_PAST_AUXILIARIES = frozenset("was were had would could been".split())


def headline_like(text: str) -> bool:
    """No final punctuation, one sentence at most, starting like a title (after any bullet):
    the shape of any headline."""
    text = text.lstrip(_BULLETS)
    if not text or ends_sentence(text) or text.rstrip(_CLOSERS + " ").endswith((",", ":")):
        return False
    if _INNER_SENTENCE.search(text):  # "...injured.A fourth victim..." is prose
        return False
    first = text.lstrip("\"'“‘")[:1]
    return first.isupper() or first.isdigit()


_DANGLING = frozenset(
    "a an the and or but of to in for with by from on at as that which who is are was were"
    " would could should will".split()
)


def _prose_grammar(text: str) -> bool:
    """A broken sentence, not a headline: headlines drop articles and auxiliaries (two or more
    of them mean prose), never end on "and"/"the"/"of", and do not open with "However,"."""
    words = normalise(text).split()
    if not words:
        return False
    if words[-1] in _DANGLING or text.split()[0].endswith(","):
        return True
    leading = [w.strip(",;:\"'“”‘’()").lower() for w in text.split()[:7]]
    if any(w in _PAST_AUXILIARIES for w in leading):  # a main verb, not "after X were shot"
        return True
    return sum(1 for w in words if w in _PROSE_WORDS) >= 2


_CLIP_LENGTH = re.compile(r"^\d{1,2}:\d{2}$")


def is_clip_length(text: str) -> bool:
    """A bare "3:37" line: the running time a video player prints next to a clip's title."""
    return bool(_CLIP_LENGTH.match(text.strip()))


def reads_as_prose(text: str) -> bool:
    """A line without a final period that is still a sentence, not a headline (see
    ``_prose_grammar``)."""
    return _prose_grammar(text)


def looks_like_heading(page: Page, i: int) -> bool:
    """A subheading of this article: short, title-shaped or a question, and followed by text."""
    text = page.blocks[i].text
    if page.next_text(i) is None:
        return False
    words = word_count(text)
    if text.endswith("?") and words <= 14:
        first = text.lstrip("\"'“‘")[:1]
        return first.isupper() or first.isdigit()
    if not headline_like(text) or words > 12 or text[:1] in _BULLETS:
        return False
    if text.isupper() and words >= 7:  # a shouted headline of another article
        return False
    return words <= 8 or is_title_case(text) or text.isupper()


_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")


def title_core(title: str) -> str:
    """A page title without its " - Site Name | Section" suffix, normalised."""
    parts = [normalise(p) for p in _SITE_SUFFIX.split(title)]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return parts[0] if len(parts[0].split()) >= 3 else " ".join(parts)


def repeats_title(page: Page, i: int) -> str | None:
    """The headline repeated at the top of the body (the title is already known), alone or
    glued to its timestamp ("Headline Posted: Friday, ...")."""
    if i > 2 or page.title is None:
        return None
    text = page.blocks[i].norm
    title = normalise(page.title)
    core = title_core(page.title)
    if not text or not core:
        return None
    if text in (title, core) or (len(text) >= 20 and title.startswith(text)):
        return "headline (moved to title)"
    if len(core) >= 20 and core in text and not ends_sentence(page.blocks[i].text):
        if text.startswith(core) or _HAS_DIGIT.search(text[len(core):]) or i == 0:
            return "headline (moved to title)"
    return None


def inserted_headline(page: Page, i: int) -> str | None:
    """Headlines of other articles pasted between paragraphs ("Senate passes farm bill after
    long fight"): no final punctuation, too long or too sentence-like for a subheading, or in a run of
    such lines, or at the very end where no text follows them. A subheading of this article is
    short and title-shaped and is followed by the text it introduces."""
    text = page.blocks[i].text
    if not headline_like(text) or text.endswith("?"):
        return None
    words = word_count(text)
    following = page.next_text(i)
    if i == 0 or (i == 1 and page.title is None and not ends_sentence(page.blocks[0].text)):
        return None  # the top: headline and dek (the first line may yet become the title)
    if not any(ends_sentence(b.text) for b in page.blocks[:i]):
        return None  # above the first sentence: headline, deks, highlights of this story
    start = i
    while start > 0 and headline_like(page.blocks[start - 1].text):
        start -= 1
    if start > 0 and page.blocks[start - 1].text.endswith(":"):
        return None  # items of a list the text announces ("Quick facts:", "Victims:")
    if not is_title_case(text) and _prose_grammar(text):
        return None
    if following is None:
        # A last line without a period is often just a truncated sentence; only a
        # title-shaped line, or one closing a run of such lines, is a headline.
        prev = page.blocks[i - 1].text
        if 4 <= words <= 25 and (is_title_case(text) or headline_like(prev)):
            return "inserted headline of another article"
        return None
    if following[:1].islower():  # a line continued by the next one is a broken paragraph
        return None
    heading = looks_like_heading(page, i)
    if not heading and 5 <= words <= 25:
        return "inserted headline of another article"
    if heading:
        # Two headline-shaped lines in a row are a list of links, not a subheading.
        nxt = page.blocks[i + 1].text
        prev = page.blocks[i - 1].text
        if (headline_like(nxt) and word_count(nxt) <= 25) or (
            headline_like(prev) and word_count(prev) <= 25 and i - 1 > 0
        ):
            return "inserted headline of another article"
    return None


def fragment(page: Page, i: int) -> str | None:
    """A few lower-case words without punctuation ("menu", "tags: crime") are not a sentence."""
    text = page.blocks[i].text
    if word_count(text) <= 4 and not ends_sentence(text) and text[:1].islower():
        return "fragment (not a sentence)"
    return None


# --- repetition -----------------------------------------------------------------------------

_MIN_NEAR_COPY_CHARS = 40
_MIN_NEAR_COPY_RATIO = 97.0
_NUMBER = re.compile(r"\d+")
_MAX_NEAR_COPY_CANDIDATES = 64  # a bound for pathological pages of near-identical lines


def repeated_paragraph(page: Page, i: int) -> str | None:
    """A paragraph said twice in one article (sites repeat ledes and captions): keep the first.
    A shorter prefix of an earlier paragraph (a lede repeated without its last sentence or
    period) or a near-copy (a few characters differ) counts as a repeat."""
    text = page.blocks[i].norm
    if not text:
        return None
    index = page.repeats
    exact = index.first[text]
    if exact < i:
        return f"repeated paragraph (first at paragraph {page.blocks[exact].index})"
    if len(text) < _MIN_NEAR_COPY_CHARS:
        return None
    candidates: set[int] = set()
    for key in _keys(text):
        positions = index.by_key.get(key, [])  # ascending
        candidates.update(positions[: min(bisect_left(positions, i), _MAX_NEAR_COPY_CANDIDATES)])
    for position in sorted(candidates):
        earlier = page.blocks[position]
        other = earlier.norm
        if other.startswith(text):
            return f"repeated paragraph (first at paragraph {earlier.index})"
        # Near-copies must give the same numbers: "3 shot" and "4 shot" are different news.
        if (
            abs(len(text) - len(other)) <= 0.1 * len(text)
            and fuzz.ratio(text, other) >= _MIN_NEAR_COPY_RATIO
            and _NUMBER.findall(text) == _NUMBER.findall(other)
        ):
            return f"repeated paragraph (first at paragraph {earlier.index})"
    return None


# --- boilerplate sentences at the edges of long paragraphs --------------------------------

# Some corpora (and some extractors) put a whole article on one line, so a newsletter pitch
# or a tweet's signature sits inside a long paragraph where the paragraph rules (which spare
# long paragraphs) never see it. Only sentences that speak to the reader or are a post's
# link/signature are judged, and only at the start or end of a paragraph, so news that
# mentions a newsletter or a tweet stays.
_READER_PITCH = _rx(
    r"^this is (the|an?) (web|online|email|digital) version of\b"
    r"|^like what you(['’]re| are) reading\b"
    r"|^(sign up|subscribe|register|follow us|like us|download|click|tap|get) \w[^.!?]{0,80}"
    r"\b(you|your|our|us|here|newsletter|inbox|app)\b"
    r"|\bdelivered (straight |directly )?to your inbox\b"
)
_POST_SIGNATURE = _rx(
    r"^https?://\S+(\s|$)|\bpic\.twitter\.com/|https?://t\.co/"
    r"|[—–-]\s*[^—–]{1,60}\(\s*@\w{1,30}\s*\)(\s*\w+\.? \d{1,2},? \d{4})?\W*$"
)
_EDGE_SIGNAL = _rx(
    r"version of|what you(['’]re| are) reading|sign up|subscribe|inbox|follow us|like us"
    r"|https?://|pic\.twitter|\(\s*@\w"
)


def has_edge_boilerplate_signal(text: str) -> bool:
    """A cheap test: could any sentence of this paragraph be a reader pitch or post link?"""
    return bool(_EDGE_SIGNAL.search(text))


def boilerplate_sentence(sentence: str) -> str | None:
    """Why one sentence of a long paragraph is page furniture, or None."""
    if word_count(sentence) > 40:
        return None
    if _READER_PITCH.search(sentence):
        return "share/subscribe prompt"
    if _POST_SIGNATURE.search(sentence):
        return "embedded post or video"
    return None


# Rules that look at the paragraph's own text only; cleaning may remember their answer for a
# text within one call (the answer cannot change).
CONTEXT_FREE: frozenset[Rule] = frozenset()  # filled below

# Order matters only for which reason is reported when several rules agree.
DROP_RULES: tuple[Rule, ...] = (
    date_line,
    repeats_title,
    comment_form,
    source_link,
    copyright_footer,
    developing_note,
    share_prompt,
    cookie_login_prompt,
    advertisement,
    gallery_counter,
    photo_credit,
    caption_before_credit,
    read_more_link,
    page_control,
    byline,
    author_contact,
    template_code,
    embedded_media,
    repeated_paragraph,
    inserted_headline,
    fragment,
)
CONTEXT_FREE = frozenset(
    {
        comment_form, source_link, copyright_footer, developing_note, cookie_login_prompt,
        advertisement, read_more_link, share_prompt, page_control, gallery_counter,
        photo_credit, byline, author_contact, template_code, embedded_media, date_line, fragment,
    }
)


# --- prefixes of the first paragraphs -------------------------------------------------------

_DASH = r"\s*(?:[-–—]{1,2}|:)\s+"
_DATELINE_AGENCY = re.compile(
    r"^(?P<place>[A-Z][\w.'’-]*(?:[ ,]+[\w.'’-]+){0,5})?\s*"
    r"\((?P<agency>[A-Z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,3})\)" + _DASH + r"(?=\S)"
)
_DATELINE_BARE_AGENCY = re.compile(
    r"^\((?P<agency>[A-Z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,2})\)\s*(?:[-–—]{1,2}\s*)?(?=[A-Z\"“])"
)
_DATELINE_CAPS = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,2})?)\s*[-–—]{1,2}\s+(?=\S)"
)
# "Washington —", "Hong kong —", "Salt Lake City --": a place in any case (sentence-capitalised
# text lower-cases all but its first letter), then an em dash or a double hyphen. A hyphen
# alone is not enough here: "Smith - who ..." is prose.
_DATELINE_ANY_CASE = re.compile(
    r"^(?P<place>[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,2}"
    r"(?:,\s*[A-Za-z][\w.'’-]*(?:\s+[\w.'’-]+)?)?)"
    r"\s*(?:—|--)\s+(?=\S)"
)
_OUTLET_PREFIX = re.compile(
    r"^(?P<outlet>[A-Z][\w.&'’]*(?:\s+[A-Z][\w.&'’]*){0,3})"
    r"\s+[-–—]{1,2}\s+(?=[A-Z\"“‘'])"
)
_MIN_WORDS_AFTER_PREFIX = 6
# Words that make a dashed opening prose, not a place ("He said — ", "Police — who ...").
_NOT_PLACE = _rx(
    r"\b(i|he|she|it|we|they|you|his|her|their|our|my|is|are|was|were|has|have|had|said|says"
    r"|and|but|or|of|the|a|an|police|officials?|sources?|update|editor'?s note|although|though"
    r"|while|when|whenever|after|before|however|meanwhile|still|yet|so|then|now|because|if"
    r"|unless|since|instead|also|again|here|there|today|yesterday|tonight|one|two|three|four"
    r"|five|six|seven|eight|nine|ten|dozens?|hundreds?|several|many|some|both|all)\b|\d"
)


_MID_CAPITAL = re.compile(r"(?<![.!?:\"“”]\s)(?<![.!?:\"“”])\s+[A-Z]")


def _sentence_capitalised(text: str) -> bool:
    """True for text lower-cased except at sentence starts (some corpora print news so):
    there a place ("Hong kong") loses its capitals and only its first letter tells."""
    return word_count(text) >= 10 and not _MID_CAPITAL.search(text[1:])


def leading_prefix(page: Page, i: int) -> tuple[int, str] | None:
    """A dateline ("CITY, State (AP) —", "WASHINGTON —") or outlet tag ("Outlet –") opening
    one of the first paragraphs: its length and reason, or None. Only the first three paragraphs
    are looked at, where datelines live; the rest of the paragraph is kept."""
    if i > 2:
        return None
    text = page.blocks[i].text
    for pattern in (_DATELINE_AGENCY, _DATELINE_BARE_AGENCY, _DATELINE_CAPS):
        match = pattern.match(text)
        if match and word_count(text[match.end():]) >= _MIN_WORDS_AFTER_PREFIX:
            return match.end(), "dateline"
    match = _DATELINE_ANY_CASE.match(text)
    if (
        match
        and word_count(text[match.end():]) >= _MIN_WORDS_AFTER_PREFIX
        and not _NOT_NAME.match(match.group("place"))
        and not _NOT_PLACE.search(match.group("place"))
        and not any(ends_sentence(b.text) for b in page.blocks[:i])  # the lead only
        and (is_title_case(match.group("place")) or _sentence_capitalised(text))
    ):
        return match.end(), "dateline"
    match = _OUTLET_PREFIX.match(text)
    if (
        match
        and word_count(text[match.end():]) >= _MIN_WORDS_AFTER_PREFIX
        and not _NOT_NAME.match(match.group("outlet"))
    ):
        return match.end(), "byline"
    return None
