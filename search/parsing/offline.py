"""The offline query parser: rules and lexicons, no network. Good on its own; the LLM parser's fallback.

    "what's the closest vending machine that has coke near West 42nd Street in New York City"
      -> product "Cola" (from "coke"), location phrase "west 42nd street new york city"

1. numbers first: explicit coordinates, a result count ("top 3"), a radius ("within 2 km");
2. place names the gazetteer knows (longest first) are set aside, so "Minute Maid Park" or
   "World of Coca-Cola" never read as products;
3. the longest product mention in the rest (lexicon: names, brands, everyday words, plurals);
   failing that, typo-tolerant matching of the words before the location, then the semantic matcher;
4. whatever is left, minus filler words, is the location phrase, geocoded later by the gazetteer.
Pure Python: no Django.
"""

from __future__ import annotations

from search.geo import manhattan
from search.geo.gazetteer import SPANISH_LOCATION_WORDS, Gazetteer, inside_metro_names, place_name_words
from search.geo.names import kind_typos
from search.parsing.base import ParsedQuery
from search.parsing.products import ProductMatch, ProductResolver
from search.parsing.text import extract_numbers, normalise, singular

STOPWORDS = frozenset(
    [
        "what",
        "whats",
        "where",
        "wheres",
        "which",
        "who",
        "is",
        "are",
        "was",
        "there",
        "theres",
        "any",
        "anything",
        "a",
        "an",
        "the",
        "some",
        "me",
        "my",
        "i",
        "im",
        "ive",
        "we",
        "us",
        "you",
        "your",
        "can",
        "could",
        "would",
        "will",
        "should",
        "please",
        "pls",
        "plz",
        "find",
        "show",
        "get",
        "give",
        "tell",
        "looking",
        "look",
        "lookin",
        "search",
        "searching",
        "for",
        "need",
        "needs",
        "want",
        "wants",
        "wanna",
        "gotta",
        "craving",
        "crave",
        "buy",
        "grab",
        "purchase",
        "pick",
        "up",
        "closest",
        "nearest",
        "close",
        "closer",
        "nearby",
        "vending",
        "vend",
        "vendor",
        "machine",
        "machines",
        "that",
        "thats",
        "has",
        "have",
        "having",
        "with",
        "sells",
        "sell",
        "selling",
        "sold",
        "stocked",
        "stock",
        "stocks",
        "instock",
        "available",
        "carry",
        "carries",
        "carrying",
        "of",
        "to",
        "it",
        "one",
        "ones",
        "place",
        "places",
        "spot",
        "spots",
        "location",
        "locations",
        "store",
        "shop",
        "cheap",
        "cheapest",
        "best",
        "good",
        "right",
        "now",
        "today",
        "tonight",
        "currently",
        "open",
        "still",
        "hey",
        "hi",
        "hello",
        "ok",
        "okay",
        "so",
        "like",
        "just",
        "something",
        "somewhere",
        "someplace",
        "anywhere",
        "anyplace",
        "asap",
        "please",
        "pls",
        "plz",
        "how",
        "do",
        "does",
        "i'd",
        "id",
        "ill",
        "let",
        "lets",
        "know",
        "see",
        "got",
        "where's",
        "am",
        "quick",
        "quickly",
        "bottle",
        "bottles",
        "can",
        "cans",
        "bag",
        "bags",
        "pack",
        "packs",
        "box",
        "some",
        "cold",
        "ice",
        "iced",
        "fresh",
        "and",
        "or",
        "also",
        "thanks",
        "thank",
        "machines",
        "top",
        "first",
        "list",
        "results",
        "options",
        # Spanish filler
        "donde",
        "hay",
        "quiero",
        "busco",
        "necesito",
        "una",
        "un",
        "maquina",
        "maquinas",
        "alguna",
        "alguno",
        "algun",
        "algunas",
        "algunos",
        "expendedora",
        "expendedoras",
        "con",
        "la",
        "el",
        "los",
        "las",
        "mas",
        "cercana",
        "cercano",
        "por",
        "favor",
        # the verbs of a Spanish question ("¿venden té verde?", "¿dónde puedo comprar ...?")
        "venden",
        "vende",
        "tienen",
        "tiene",
        "puedo",
        "comprar",
        "compro",
        "conseguir",
        "consigo",
        "encuentro",
        "encontrar",
        "buscando",
        "queda",
    ]
)
# Words that introduce the location ("coke NEAR times square").
LOCATION_WORDS = (
    frozenset(
        [
            "near",
            "nearby",
            "around",
            "by",
            "at",
            "in",
            "on",
            "close",
            "next",
            "beside",
            "outside",
            "inside",
            "off",
            "from",
            "downtown",
        ]
    )
    | SPANISH_LOCATION_WORDS
)
# Fuzzy product matching is not tried on words this short or on these (too many false friends).
NOT_PRODUCTS = frozenset(
    ["street", "st", "avenue", "ave", "road", "rd", "blvd", "square", "park", "station", "center", "centre"]
)


class OfflineParser:
    name = "offline"

    def __init__(self, gazetteer: Gazetteer, resolver: ProductResolver) -> None:
        self.gazetteer = gazetteer
        self.resolver = resolver

    def _place_spans(self, words: list[str]) -> list[tuple[int, int]]:
        # through a misspelt kind of place ("mint musuem randolph": the museum's "mint" is no Mints)
        found = self.gazetteer.spans(kind_typos(words, self.gazetteer._vocabulary))
        spans = [(s, e) for s, e, _ in found]
        text = " ".join(words)
        grid = manhattan.locate(text)
        if grid is not None:
            start, end = grid[2]
            first = len(text[:start].split())
            spans.append((first, first + len(text[start:end].split())))
        spans.extend((i, i + 1) for i, w in enumerate(words) if w.isdigit() and len(w) == 5)  # ZIP codes
        # "colfax and broadway": "and" is a place's
        named = place_name_words(found)
        corner = self.gazetteer.corners.locate(words, {}, any_metro=True, inside=inside_metro_names(found), named=named)
        if corner is not None:
            spans.append((min(corner.used), max(corner.used) + 1))
        return spans

    def _town_not_brand(
        self,
        words: list[str],
        singulars: list[str],
        spans: list[tuple[int, int]],
        found: tuple[ProductMatch, int, int] | None,
    ) -> tuple[ProductMatch, int, int] | None:
        """A brand that is also a town's or a place's name, beside another product ("coke deer park houston": Deer
        Park, TX; not the water): the other product, and the brand's words become a place (added to `spans`)."""
        if found is None or found[0].product is None:
            return found
        match, start, end = found
        name = " ".join(words[start:end])
        if name not in self.gazetteer.cities and name not in self.gazetteer.place_names:
            return found
        other = self.resolver.scan(singulars, places=[*spans, (start, end)])
        if other is None or other[0].product in (None, match.product):
            return found
        spans.append((start, end))
        return other

    def _product_in_a_place(
        self, singulars: list[str], spans: list[tuple[int, int]]
    ) -> tuple[ProductMatch, int, int] | None:
        """No product outside the places, and a place's name that ends in one beside another place ("campbell house
        museum locust st, fitz's root beer": Fitz's, a St. Louis bottler, and its root beer): the product, the
        name's words its description."""
        for s, e in spans:
            if not any(t[1] <= s or t[0] >= e for t in spans):
                continue
            for lo in range(s, e):
                match = self.resolver.exact(" ".join(singulars[lo:e]))
                if match is not None and match.product is not None:
                    return match, s, e
        return None

    def _after_a_street(self, words: list[str], i: int) -> bool:
        """`words[i]` is "and" after a known street, with more words after it ("friars and mission gorge"): half of a
        corner, kept, so that the gazetteer can say which street it does not know."""
        if words[i] not in ("and", "&") or i + 1 >= len(words):
            return False
        return any(self.gazetteer.corners.named(words[j:i]) for j in range(max(0, i - 3), i))

    def parse(self, query: str) -> ParsedQuery:
        extracted = extract_numbers(self.gazetteer.mark_codes(query))
        words = normalise(extracted.text).split()
        singulars = [singular(w) for w in words]
        spans = self._place_spans(words)

        match: ProductMatch | None = None
        product_span: set[int] = set()
        found = self._town_not_brand(words, singulars, spans, self.resolver.scan(singulars, places=spans))
        if found is None or found[0].product is None:
            found = self._product_in_a_place(singulars, spans) or found
        if found is not None:
            match, start, end = found
            spans = [(s, e) for s, e in spans if e <= start or s >= end]
            match = ProductMatch(
                " ".join(words[start:end]), match.product, match.alternatives, match.how, match.score, match.suggestions
            )
            product_span = set(range(start, end))
            # "galletas oreo", "beef jerky jack links": a brand beside its product's words is part of them
            for lo, hi in ((start - 2, start), (start - 1, start), (end, end + 2), (end, end + 1)):
                if lo < 0 or hi > len(words) or product_span & set(range(lo, hi)):
                    continue
                beside = self.resolver.exact(" ".join(singulars[lo:hi]))
                if beside is not None and beside.product is not None and beside.product == match.product:
                    product_span.update(range(lo, hi))
            # "potatoe chips", "chocolate barr": a misspelt word of the product's own name beside it is part of it
            for at in (start - 1, end):
                if 0 <= at < len(words) and at not in product_span and _may_be_misspelt(words[at]):
                    span = sorted({*product_span, at})
                    if (
                        span[-1] - span[0] + 1 == len(span)
                        and not any(s <= at < e for s, e in spans)
                        and self.resolver.misspelt_name(" ".join(words[span[0] : span[-1] + 1]), match.product)
                    ):
                        product_span.add(at)
        places = {i for s, e in spans for i in range(s, e)}

        # the words that may describe the product: before the location, not places, not filler
        candidates = []
        for i, word in enumerate(words):
            after_product = bool(product_span) and i > max(product_span)  # "snacks at levis stadium santa clara"
            if (
                word in LOCATION_WORDS
                and i not in places
                and i not in product_span
                and i > 0
                and (candidates or after_product)
            ):
                break
            if i not in places and i not in product_span and word not in STOPWORDS and word not in LOCATION_WORDS:
                candidates.append(i)

        if match is None or (match.how == "ambiguous" and candidates):
            # the ambiguous word may end a misspelt name ("appel juice"): its words are candidates too
            better, used = self._inexact(words, sorted({*candidates, *product_span}), product_span)
            if better is not None and (match is None or len(better.alternatives) < len(match.alternatives)):
                match, product_span = better, used
            elif match is None:
                term = " ".join(words[i] for i in candidates)
                match = self.resolver.resolve(term) if term else ProductMatch("", None, how="none")
                product_span = set(candidates)

        # "snickers bar", "takis chip": a word of the product's own name (either number) beside its brand is
        # the product's
        if match is not None and match.product and product_span:
            own = _name_words(match.product)
            for at in (max(product_span) + 1, min(product_span) - 1):
                if 0 <= at < len(words) and at not in places and singulars[at] in own:
                    product_span.add(at)
        location_at = [
            i
            for i, w in enumerate(words)
            if i not in product_span
            and (i in places or w not in STOPWORDS or _starts_a_name(words, i) or self._after_a_street(words, i))
        ]
        # the words that introduce the place go, unless they begin its name ("del mar", "del mar racetrack")
        while (
            location_at
            and words[location_at[0]] in LOCATION_WORDS
            and words[location_at[0]] != "downtown"
            and location_at[0] not in places
            and not self.gazetteer.begins_a_town(words, location_at[0])
            # "cerca de la space needle": "de" stays before "la", which says "la" is the article, not Los Angeles
            and not (len(location_at) > 1 and words[location_at[1]] == "la" and words[location_at[0]] in ("de", "a"))
        ):
            location_at.pop(0)
        location = " ".join(words[i] for i in location_at) or None
        return ParsedQuery(
            query=query,
            product=match,
            location_phrase=location,
            coordinates=extracted.coordinates,
            coordinates_source="text" if extracted.coordinates else None,
            limit=extracted.limit,
            radius_km=extracted.radius_km,
            parser=self.name,
        )

    def _inexact(self, words: list[str], candidates: list[int], taken: set[int]) -> tuple[ProductMatch | None, set]:
        """Typos first (per word and word pair), then the description as a whole (semantic)."""
        best: tuple[ProductMatch, set[int]] | None = None
        for size in (3, 2, 1):
            for k in range(len(candidates) - size + 1):
                idx = candidates[k : k + size]
                if idx[-1] - idx[0] != size - 1:
                    continue
                phrase = " ".join(words[i] for i in idx)
                if size == 1 and (len(phrase) < 4 or phrase in NOT_PRODUCTS):
                    continue
                hit = self.resolver.fuzzy(phrase)
                if hit is None or (best is not None and (hit.product is None, -hit.score) >= _rank(best[0])):
                    continue
                best = (hit, set(idx))
        if best is not None and best[0].product is not None:
            return best
        narrowed = self._narrowed(words, candidates, taken)
        if narrowed is not None:
            return narrowed
        # the description runs on from the ambiguous word, never across the place before it ("harvy park denver
        # juice box apple": "juice box apple")
        used = _beside(words, candidates, taken) if taken else set(candidates)
        description = " ".join(words[min(used) : max(used) + 1]) if used else ""
        hit = self.resolver.semantic_match(description)
        if hit is not None:
            return hit, used
        return best if best is not None else (None, set())

    def _narrowed(self, words: list[str], candidates: list[int], taken: set[int]) -> tuple[ProductMatch, set] | None:
        """An ambiguous word ("juice", "chips", "bar") beside a word of one of its products' own names ("juice box
        apple", "bar de granola"): that product."""
        if not taken:
            return None
        match = self.resolver.exact(" ".join(words[min(taken) : max(taken) + 1]))
        if match is None or match.how != "ambiguous":
            return None
        near = _beside(words, candidates, taken) - taken
        for i in sorted(near):
            word = singular(words[i])
            owners = [p for p in match.alternatives if word in _name_words(p)]
            if len(owners) == 1:
                return ProductMatch(" ".join(words[j] for j in sorted({*taken, i})), owners[0]), {*taken, i}
        return None


# Spanish articles that begin town names ("Los Gatos", "Los Altos", "El Cerrito", "La Mesa"): kept before a word
# that is not a stop word, so the geocoder sees the whole name ("cerca de los" alone still drops them).
NAME_ARTICLES = frozenset(["los", "las", "el", "la"])


def _may_be_misspelt(word: str) -> bool:
    """A word that could be a misspelt product word: long enough, and neither filler nor a location word."""
    return len(word) >= 4 and word not in STOPWORDS and word not in LOCATION_WORDS and word not in NOT_PRODUCTS


def _name_words(product: str) -> set[str]:
    """The words of a catalog name, each singular ("Potato Chips" -> {"potato", "chip"})."""
    return {singular(w) for w in normalise(product).split()}


def _beside(words: list[str], candidates: list[int], taken: set[int]) -> set[int]:
    """`taken` and the candidate words that run on from it on either side (a stop word may stand between)."""
    block, pool = set(taken), set(candidates)
    for step in (1, -1):
        at = max(block) if step > 0 else min(block)
        while True:
            if at + step in pool:
                at += step
            elif at + 2 * step in pool and 0 <= at + step < len(words) and words[at + step] in STOPWORDS:
                at += 2 * step
            else:
                break
            block.add(at)
    return block


def _starts_a_name(words: list[str], i: int) -> bool:
    return words[i] in NAME_ARTICLES and i + 1 < len(words) and words[i + 1] not in STOPWORDS


def _rank(match: ProductMatch) -> tuple[bool, float]:
    return (match.product is None, -match.score)
