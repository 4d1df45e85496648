"""The boilerplate lexicon for Latin-script pages (English first): what ``boilerplate`` has
for Chinese, so that a cookie notice, a newsletter box or a "Most read" list is chrome in
any language the crawl meets.

Like the Chinese lexicon, these are stock phrases every CMS prints around a body, never
anything one site says: a line is furniture only when it is short enough to be a label
or opens with the phrase, so a sentence that merely uses a word ("cookies", "subscribe")
in passing stays.
"""

from __future__ import annotations

import re

# Whole-line labels: buttons, widget titles and captions' furniture.
_LABELS = re.compile(
    r"(?:advert(?:isement|s)?|ad|sponsored|close|caption|tags?|topics|share(?: this(?: article| story)?)?"
    r"|tweet|email|print|comments?|\d+ comments?|read more|continue reading|show more|load more|loading\W*"
    r"|skip(?: to (?:main )?content)?|menu|search|subscribe|sign up|log ?in|sign in|register|follow us"
    r"|back to top|top|next|previous|view (?:gallery|comments|all)|watch|listen|play|image|photo|video"
    r"|enlarge|expand|more|home|top stories|trending(?: now)?|warning)\W*",
    re.I,
)

# Short lines that open with a furniture phrase: credits, bylines, datelines.
_SHORT_OPENERS = re.compile(
    r"(?:(?:photo|image|picture|photograph|illustration|video|graphic)s?(?: by| credit)?\s*[:|©]"
    r"|(?:credit|source)\s*:"
    r"|(?-i:By [A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3})(?:\s*(?:,|and\b|&|\||-|–|—)|\s*$)"
    r"|(?:published|posted|updated|last updated|first published)\b"
    r"|\d+ min(?:ute)?s? read\b"
    r"|read (?:more|next|also)\s*[:|»>]|see also\s*:|also read\s*:|related\s*:"
    r"|(?:©|copyright|\(c\))\s*(?:\d{4}|[A-Z])"
    r"|all rights reserved|privacy (?:policy|overview|settings)|terms (?:of (?:use|service)|and conditions)"
    r"|tell us what you think|share your thoughts|leave a (?:comment|reply)|have your say"
    r"|(?:follow|like) us\b|join (?:our|the) (?:conversation|discussion|community|forums?)\b)",
    re.I,
)
SHORT = 100
# A box asking for something: a topic (cookies, newsletters) and a call to act on it in
# one paragraph-sized line; either alone is a sentence an article may well contain.
_BOX_TOPIC = re.compile(r"\bcookies?\b|\bnewsletters?\b|\binbox\b|\bnews ?alerts?\b|\bemail updates\b", re.I)
_BOX_ACTION = re.compile(
    r"\b(?:sign up|subscribe|click|tap|accept|agree|consent|opt[- ]out|settings|delivered|continu\w+ to use"
    r"|by (?:using|browsing)|we use|uses)\b",
    re.I,
)
BOX = 400

# Headings after which a page lists other articles or the readers' comments: the body ends.
_CUT = re.compile(
    r"(?:related(?: (?:stories|articles|news|content|posts|coverage|reading|links|topics))?"
    r"|more (?:from|on|in|about|stories|news|articles|like this|to explore|videos)\b.*"
    r"|recommended(?: for you| stories| reading| articles)?|you (?:may|might) (?:also )?(?:like|enjoy)"
    r"|most (?:read|popular|viewed|shared|commented)(?: \w+)?|(?:the )?latest (?:news|stories|articles|headlines|videos)"
    r"|our latest stories|popular (?:now|stories|articles|on \w+)|what to read next|read next|up next"
    r"|(?:\d+ )?comments?|leave a (?:comment|reply)|join the (?:conversation|discussion)|about the author"
    r"|sponsored (?:content|stories|links)|from (?:around the web|our partners)|trending (?:now|stories)"
    r"|tell us what you think.*|share your thoughts.*|have your say)\W*",
    re.I,
)
# A dateline ("Nov 19, 2019 at 6:46 pm ET", "Wednesday November 20, 2019"): a short line
# around a date that is not a sentence.
_NAMED_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b"
    r"|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,? \d{4}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.I,
)
DATELINE = 70
LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_CJK = re.compile(r"[\u3400-\u9fff]")


def is_latin(text: str) -> bool:
    """Latin script and no CJK: the line is read with this lexicon and word counts."""
    if text.isascii():
        return LATIN.search(text) is not None
    return _CJK.search(text) is None and LATIN.search(text) is not None


def words(text: str) -> int:
    return len(text.split())


def is_latin_drop(text: str) -> bool:
    text = text.strip()
    if len(text) <= 40 and _LABELS.fullmatch(text):
        return True
    if len(text) <= SHORT and _SHORT_OPENERS.match(text):
        return True
    if len(text) <= DATELINE and text[-1] not in '.!?"”' and _NAMED_DATE.search(text):
        return True
    return len(text) <= BOX and _BOX_TOPIC.search(text) is not None and _BOX_ACTION.search(text) is not None


def is_latin_cut(text: str) -> bool:
    return len(text) <= 60 and _CUT.fullmatch(text.strip()) is not None
