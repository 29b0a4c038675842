"""
Which conversion names may go to the ad platforms: never a condition, a part
of the body or a topic. The names are set in settings
(CAMPAIGNS_CONVERSION_NAMES); campaigns.checks refuses to start with a name
holding a condition word, and the export refuses one that matches a topic or a
checker answer in the database.
"""

import re

from articles.models import Topic
from checker.models import CheckerOption
from leads.outcomes import Outcome

NAME_MAX_LENGTH = 100

# Words of spine and orthopedic conditions, symptoms and body parts (and a
# few other health words): a conversion name holding one would tell the ad
# platform what a patient came for.
CONDITION_WORDS = frozenset(
    """
    ache aches acl ankle ankles anxiety arm arthritis back bone bones bulging
    bunion bursitis cancer carpal cartilage cervical chiropractic chronic
    concussion depression diabetes disc disk dislocation elbow fasciitis feet
    fibromyalgia finger foot fracture fractured gout hamstring hand headache
    heel hernia herniated herniation hip injured injury joint knee kyphosis
    leg ligament lumbar meniscus migraine muscle neck nerve neuropathy
    numbness orthopaedic orthopedic osteoarthritis osteoporosis pain painful
    pelvic pelvis plantar pregnancy pregnant radiculopathy rheumatoid rotator
    sacroiliac sciatic sciatica scoliosis shoulder spinal spine spondylitis
    spondylolisthesis spondylosis sprain stenosis surgery surgical tendinitis
    tendinopathy tendon tendonitis thoracic tingling toe toes tumor vertebra
    vertebrae vertebral whiplash wrist
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
# Words that name nothing: left out when a topic's or an answer's words are
# compared with a conversion name.
FILLER_WORDS = frozenset(
    "a an and at by for from in into my of on or the to with your".split()  # noqa: SIM905
)


def words(text):
    """The lower-case words of `text` (letters and digits)."""
    return re.findall(r"[a-z0-9]+", str(text).lower())


def _word_forms(word):
    forms = {word}
    if len(word) > 3 and word.endswith("s"):
        forms.add(word[:-1])
    return forms


def condition_word_problems(name):
    """Reasons from the built-in word list alone (no database): for checks."""
    found = [w for w in words(name) if _word_forms(w) & CONDITION_WORDS]
    if not found:
        return []
    listed = ", ".join(f"“{w}”" for w in dict.fromkeys(found))
    return [f"it names a condition or part of the body ({listed})"]


def _name_form_problems(name):
    if not isinstance(name, str) or not name.strip():
        return ["it is empty"]
    problems = []
    if len(name) > NAME_MAX_LENGTH:
        problems.append(f"it is longer than {NAME_MAX_LENGTH} characters")
    if name.strip()[:1] in ("=", "+", "-", "@") or any(ord(c) < 32 for c in name):
        problems.append(
            "it starts like a spreadsheet formula or holds control characters"
        )
    return problems


def _database_phrases():
    """(label, words, whole_phrase_only) for every topic and every checker
    answer that names a condition or a part of the body."""
    phrases = []
    # A topic matches as a whole ("Back pain" in "Back pain consult"): its
    # single words may be as plain as "new" or "patient" ("Patient stories"),
    # and condition words are refused on their own already.
    for name, slug in Topic.objects.values_list("name", "slug"):
        phrases.append((f"the topic “{name}”", words(name), True))
        phrases.append((f"the topic “{name}”", words(slug), True))
    question = CheckerOption.Question
    options = CheckerOption.objects.filter(
        question__in=[
            question.WHERE,
            question.WARNING_SIGNS,
            question.TRAVELS,
            question.NUMBNESS,
        ]
    ).exclude(code__in=["no", "none"])
    for q, code, label in options.values_list("question", "code", "label"):
        where = q == question.WHERE
        # "Where does it hurt?" answers are body parts word by word; the
        # others are sentences whose single words ("new", "sudden") say
        # nothing alone, so only the whole answer counts.
        phrases.append((f"the checker answer “{label}”", words(label), not where))
        if where:
            phrases.append((f"the checker answer “{label}”", words(code), False))
    return phrases


def _contains(haystack, needle):
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack)))


def database_name_problems(name):
    """Reasons `name` matches a topic or a checker answer in the database."""
    name_words = words(name)
    name_forms = set().union(*(_word_forms(w) for w in name_words))
    matched = []
    for label, phrase, whole_only in _database_phrases():
        if whole_only:
            hit = _contains(name_words, phrase)
        else:
            hit = any(
                _word_forms(w) & name_forms for w in phrase if w not in FILLER_WORDS
            )
        if hit and label not in matched:
            matched.append(label)
    return [f"it matches {label}" for label in matched]


def conversion_name_problems(name, *, database=True):
    """The reasons a conversion name is refused ([] when it may be used):
    empty, a condition or body word, or (with `database`) a topic's name or a
    checker answer about where it hurts or how."""
    problems = _name_form_problems(name)
    if problems and not isinstance(name, str):
        return problems
    problems += condition_word_problems(name)
    if database and not problems:
        problems += database_name_problems(name)
    return problems


def configured_names_problems(names, *, database=True):
    """[(outcome key, name, reason)] for the CAMPAIGNS_CONVERSION_NAMES
    setting `names`: unknown outcomes and refused names."""
    if not isinstance(names, dict) or not names:
        return [("", "", "it must be a dict of outcome → conversion name")]
    known = {o.value for o in Outcome}
    problems = []
    for key, name in names.items():
        if key not in known:
            choices = ", ".join(sorted(known))
            problems.append((key, name, f"“{key}” is not an outcome ({choices})"))
            continue
        for reason in conversion_name_problems(name, database=database):
            problems.append((key, name, reason))
    return problems
