"""Product understanding: what a person says ("coke", "tic tacs", "cold brew") -> the catalog name.

Layers, tried in order by `ProductResolver.resolve`:
1. the lexicon: canonical names, brands and everyday words, compared on a key that ignores case,
   punctuation and plurals ("M&M's" = "m&ms" = "m and m");
2. ambiguous everyday words ("soda", "chips", "candy") that stand for several products: returned as
   candidates, never silently narrowed to one;
3. typo tolerance (rapidfuzz) against every lexicon entry, with a cut-off that grows with the word;
4. an optional semantic matcher for descriptions ("something sweet", "a fizzy drink with caffeine").
An unknown word ("pizza") comes back as no match with the closest catalog names as suggestions.
Pure Python: no Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from fleet.catalog import PRODUCT_NAMES
from search.parsing.text import FILLER_WORDS, key, tokens

DRINKS = (
    "Cola", "Diet Cola", "Lemon-Lime Soda", "Root Beer", "Ginger Ale", "Spring Water", "Sparkling Water",
    "Orange Juice", "Apple Juice", "Energy Drink", "Iced Coffee", "Green Tea", "Lemonade",
)  # fmt: skip
SNACKS = (
    "Potato Chips", "Pretzels", "Tortilla Chips", "Popcorn", "Chocolate Bar", "Peanut M&Ms", "Granola Bar",
    "Trail Mix", "Gum", "Mints", "Fruit Snacks", "Cookies", "Protein Bar", "Beef Jerky",
)  # fmt: skip
CATALOG: tuple[str, ...] = PRODUCT_NAMES

# canonical name -> what people call it (brands, everyday words). The canonical name is implied.
LEXICON: dict[str, tuple[str, ...]] = {
    "Cola": ("coke", "coca cola", "cocacola", "classic coke", "coke classic", "pepsi", "pepsi cola", "rc cola",
             "regular coke", "regular cola", "a coke", "cokes"),
    "Diet Cola": ("diet coke", "coke zero", "coca cola zero", "diet pepsi", "pepsi zero", "pepsi max", "coke light",
                  "zero sugar cola", "sugar free cola", "sugarfree cola", "diet soda", "coke zero sugar"),
    "Lemon-Lime Soda": ("sprite", "7up", "7 up", "seven up", "sierra mist", "starry", "lemon lime", "lemon lime soda",
                        "lemon lime pop", "sprite zero", "mist twst", "lemon soda"),
    "Root Beer": ("rootbeer", "a&w", "a and w", "a w root beer", "barqs", "mug root beer", "dad's root beer",
                  "sarsaparilla", "ibc", "ibc root beer", "fitzs", "fitzs root beer", "sprecher", "virgils"),
    "Ginger Ale": ("gingerale", "canada dry", "schweppes", "seagrams ginger ale", "ginger soda", "vernors"),
    "Spring Water": ("water", "bottled water", "still water", "plain water", "drinking water", "poland spring",
                     "dasani", "aquafina", "evian", "fiji", "fiji water", "smartwater", "smart water", "deer park",
                     "arrowhead", "ozarka", "zephyrhills", "crystal geyser", "agua", "h2o", "a bottle of water"),
    "Sparkling Water": ("seltzer", "seltzer water", "la croix", "lacroix", "bubly", "perrier", "san pellegrino",
                        "pellegrino", "soda water", "club soda", "fizzy water", "carbonated water", "mineral water",
                        "topo chico", "spindrift", "bubbly water", "sparkling", "tonic water"),
    "Orange Juice": ("oj", "o j", "tropicana", "simply orange", "minute maid orange", "orange drink",
                     "fresh orange juice", "florida orange juice"),
    "Apple Juice": ("motts", "mott", "juicy juice", "martinellis", "apple drink", "apple cider"),
    "Energy Drink": ("red bull", "redbull", "monster", "monster energy", "rockstar", "bang energy", "celsius",
                     "5 hour energy", "five hour energy", "reign", "energy", "energy shot", "nos energy",
                     "prime energy", "ghost energy", "c4 energy"),
    "Iced Coffee": ("coffee", "cold brew", "cold coffee", "ice coffee", "starbucks", "frappuccino", "doubleshot",
                    "starbucks doubleshot", "latte", "iced latte", "java", "cup of joe", "espresso",
                    "nitro cold brew", "dunkin donuts coffee"),
    "Green Tea": ("tea", "iced tea", "ice tea", "matcha", "honest tea", "ito en", "gold peak", "pure leaf", "lipton",
                  "lipton tea", "snapple", "teas"),
    "Lemonade": ("lemon aid", "country time", "simply lemonade", "minute maid lemonade", "pink lemonade",
                 "lemon drink"),
    "Potato Chips": ("lays", "lay", "ruffles", "pringles", "kettle chips", "kettle brand", "utz", "cape cod chips",
                     "crisps", "wavy chips", "sun chips", "sunchips", "bbq chips", "salt and vinegar chips",
                     "potato crisps", "classic chips", "herr", "wise chips",
                     # regional brands: New Orleans' Zapp's, Ohio's Grippo's, Minneapolis' Old Dutch
                     "zapps", "zapp", "herrs", "jays chips", "grippos", "old dutch", "golden flake", "miss vickies"),
    "Pretzels": ("pretzel", "snyders", "rold gold", "pretzel twists", "pretzel sticks", "auntie annes"),
    "Tortilla Chips": ("doritos", "tostitos", "nachos", "nacho chips", "corn chips", "fritos", "takis", "santitas",
                       "cool ranch", "nacho cheese chips", "tortilla chip"),
    "Popcorn": ("smartfood", "skinny pop", "skinnypop", "kettle corn", "orville", "orville redenbacher",
                "cracker jack", "pop corn", "boom chicka pop"),
    "Chocolate Bar": ("chocolate", "candy bar", "snickers", "hersheys", "hershey", "hershey bar", "kit kat", "kitkat",
                      "twix", "milky way", "3 musketeers", "three musketeers", "butterfinger", "reeses",
                      "reeses cups", "reeses peanut butter cups", "mars bar", "crunch bar", "baby ruth", "dove",
                      "ghirardelli", "dark chocolate", "milk chocolate", "choc", "choco", "toblerone", "cadbury"),
    "Peanut M&Ms": ("m&ms", "m&m", "m & ms", "m and ms", "m and m", "mms", "m ms", "peanut m&m", "peanut mms",
                    "peanut m and ms", "m&m peanut", "eminem", "eminems", "peanut eminems"),
    "Granola Bar": ("granola", "nature valley", "quaker chewy", "chewy bar", "kind bar", "kind bars", "cereal bar",
                    "oat bar", "nutri grain", "nutrigrain", "oats and honey", "fiber one", "larabar"),
    "Trail Mix": ("nuts", "mixed nuts", "planters", "almonds", "peanuts", "cashews", "gorp", "nut mix", "nut and fruit",
                  "trailmix", "student mix", "pistachios", "sunflower seeds", "seeds", "blue diamond"),
    "Gum": ("chewing gum", "bubble gum", "bubblegum", "trident", "orbit", "extra gum", "wrigleys", "wrigley",
            "juicy fruit", "5 gum", "doublemint", "big red", "stick of gum", "ice breakers ice cubes"),
    "Mints": ("mint", "breath mints", "breath mint", "tic tacs", "tic tac", "tictac", "tictacs", "altoids",
              "ice breakers", "icebreakers", "certs", "mentos", "lifesavers", "life savers", "peppermint",
              "peppermints", "spearmint", "breath freshener", "something for my breath"),
    "Fruit Snacks": ("gummies", "gummy", "gummy bears", "gummy worms", "welchs", "welchs fruit snacks", "haribo",
                     "gushers", "fruit gummies", "fruit by the foot", "fruit roll up", "fruit rollups", "skittles",
                     "starburst", "sour patch", "sour patch kids", "mott's fruit snacks", "fruit chews",
                     "fruit snack"),
    "Cookies": ("cookie", "oreos", "oreo", "chips ahoy", "famous amos", "nutter butter", "pepperidge farm", "milano",
                "milanos", "biscuits", "chocolate chip cookies", "choc chip cookies", "lorna doone", "fig newtons",
                "biscotti", "girl scout cookies", "keebler", "chips ahoy cookies", "sandwich cookies"),
    "Protein Bar": ("clif bar", "clif", "cliff bar", "quest bar", "quest", "rxbar", "rx bar", "power bar", "powerbar",
                    "builders bar", "think thin", "thinkthin", "one bar", "kind protein", "barebells", "gatorade bar",
                    "pure protein", "protein", "protien bar", "premier protein bar"),
    "Beef Jerky": ("jerky", "jack links", "slim jim", "slim jims", "meat stick", "meat sticks", "biltong",
                   "meat snack", "turkey jerky", "beef stick", "beef sticks", "krave", "chomps", "old trapper"),
}  # fmt: skip

# Spanish (accents are normalised away, so "maíz" = "maiz"): what people say for the catalog items.
SPANISH: dict[str, tuple[str, ...]] = {
    "Cola": ("coca", "refresco de cola", "cocacola"), "Diet Cola": ("coca light", "coca cola light", "coca zero",
    "pepsi light", "coca sin azucar", "refresco de dieta", "cola de dieta"),
    "Lemon-Lime Soda": ("refresco de lima limon",
    "refresco de limon", "gaseosa de limon"), "Root Beer": ("cerveza de raiz",), "Ginger Ale": ("refresco de jengibre",
    "gaseosa de jengibre"), "Spring Water": ("agua natural", "agua sin gas", "agua embotellada", "botella de agua",
    "agua potable", "una botella de agua"), "Sparkling Water": ("agua con gas", "agua mineral", "agua gasificada",
    "soda de agua", "agua mineral con gas"),
    "Orange Juice": ("jugo de naranja", "zumo de naranja", "jugo naranja", "naranjada"),
    "Apple Juice": ("jugo de manzana", "zumo de manzana", "jugo manzana"), "Energy Drink": ("bebida energetica",
    "bebidas energeticas", "energizante", "energetica"), "Iced Coffee": ("cafe", "cafe frio", "cafe helado",
    "cafe con hielo", "cafecito"), "Green Tea": ("te verde", "te helado", "te frio"), "Lemonade": ("limonada",
    "limonadas"), "Potato Chips": ("papas fritas", "papitas", "patatas fritas", "papas", "patatas"),
    "Pretzels": ("galletas saladas", "pretzel salado"), "Tortilla Chips": ("totopos", "tostadas de maiz",
    "chips de tortilla", "nachos de maiz"), "Popcorn": ("palomitas", "palomitas de maiz", "cotufas", "pochoclo",
    "canchita", "crispetas", "pipocas"), "Chocolate Bar": ("barra de chocolate", "chocolatina", "chocolates"),
    "Peanut M&Ms": ("m&ms de cacahuate", "m&ms de mani", "chocolates con cacahuate", "cacahuates m&m",
    "m&m cacahuate", "m&ms con cacahuate", "mani m&m", "m&m de mani", "m&ms de cacahuates", "chocolates de mani"),
    "Granola Bar": ("barra de granola", "barrita de cereal", "barra de cereal"), "Trail Mix": ("frutos secos", "nueces",
    "cacahuates", "mani", "mezcla de frutos secos", "almendras"), "Gum": ("chicle", "chicles", "goma de mascar"),
    "Mints": ("mentas", "pastillas de menta", "caramelos de menta"), "Fruit Snacks": ("gomitas", "gomitas de fruta",
    "snacks de frutas", "snacks de fruta", "ositos de goma", "gominolas"), "Cookies": ("galletas", "galleta",
    "galletitas", "galletas de chocolate"),
    "Protein Bar": ("barra de proteina", "barra proteica", "barrita de proteina"), "Beef Jerky": ("carne seca",
    "cecina", "machaca"),
}  # fmt: skip
# Brands whose catalog item is plain (a citrus soda, the only tea, a cheesy corn snack, a snack mix, a juice brand).
MORE_BRANDS: dict[str, tuple[str, ...]] = {
    "Lemon-Lime Soda": ("mountain dew", "mtn dew"),
    "Green Tea": ("sweet tea", "arizona tea", "arizona iced tea", "arizona green tea", "arizona green"),
    "Tortilla Chips": ("cheetos", "hot cheetos", "flamin hot cheetos"), "Trail Mix": ("chex mix",),
    "Orange Juice": ("minute maid",),
}  # fmt: skip
LEXICON = {name: (*words, *MORE_BRANDS.get(name, ()), *SPANISH.get(name, ())) for name, words in LEXICON.items()}

_SODAS = ("Cola", "Diet Cola", "Lemon-Lime Soda", "Root Beer", "Ginger Ale")
# Ambiguous words with a usual reading: in American English bare "chips" are potato chips ("tortilla chips",
# "nachos", "tostitos" name the other), and a bare "soda", "pop", "tonic" (Boston) or "refresco" is a cola, the
# soft drink people mean when they name none (so "coke" is in the South). The usual reading is the product; the
# other candidates stay in `alternatives`, so the page still offers them as one-click narrower searches.
_SODA_WORDS = ("soda", "pop", "soda pop", "soft drink", "fizzy drink", "carbonated drink", "coldrink", "tonic",
               "refresco", "refrescos", "gaseosa", "soda machine", "pop machine")  # fmt: skip
USUAL_READING: dict[str, str] = {"chips": "Potato Chips", "chip": "Potato Chips", **dict.fromkeys(_SODA_WORDS, "Cola")}
# Everyday words that stand for several catalog products: the user gets the candidates.
AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "soda": _SODAS, "pop": _SODAS, "soda pop": _SODAS, "soft drink": _SODAS, "fizzy drink": _SODAS,
    "carbonated drink": _SODAS, "coldrink": _SODAS, "soda machine": _SODAS, "pop machine": _SODAS,
    "cold drink": DRINKS, "drink": DRINKS, "beverage": DRINKS,
    "something to drink": DRINKS, "refreshment": DRINKS,
    "chips": ("Potato Chips", "Tortilla Chips"), "chip": ("Potato Chips", "Tortilla Chips"),
    "juice": ("Orange Juice", "Apple Juice"), "fruit juice": ("Orange Juice", "Apple Juice"),
    "candy": ("Chocolate Bar", "Peanut M&Ms", "Fruit Snacks", "Mints", "Gum"),
    "sweets": ("Chocolate Bar", "Peanut M&Ms", "Fruit Snacks", "Cookies"),
    "bar": ("Chocolate Bar", "Granola Bar", "Protein Bar"), "snack bar": ("Granola Bar", "Protein Bar"),
    "energy bar": ("Protein Bar", "Granola Bar"), "health bar": ("Protein Bar", "Granola Bar"),
    "snack": SNACKS, "food": SNACKS, "something to eat": SNACKS, "munchies": SNACKS,
    "caffeine": ("Energy Drink", "Iced Coffee", "Cola", "Diet Cola", "Green Tea"),
    "salty snack": ("Potato Chips", "Pretzels", "Tortilla Chips", "Popcorn", "Beef Jerky"),
    "diet drink": ("Diet Cola", "Sparkling Water", "Spring Water"),
    "refresco": _SODAS, "refrescos": _SODAS, "gaseosa": _SODAS, "tonic": _SODAS, "bebida": DRINKS,
    "jugo": ("Orange Juice", "Apple Juice"), "zumo": ("Orange Juice", "Apple Juice"),
    "dulces": ("Chocolate Bar", "Peanut M&Ms", "Fruit Snacks", "Mints", "Gum"),
    "botana": SNACKS, "botanas": SNACKS, "bocadillo": SNACKS,
}  # fmt: skip

# One-line descriptions, for the semantic matcher ("something sweet", "a fizzy drink with caffeine").
DESCRIPTIONS: dict[str, str] = {
    "Cola": "Cola: a sweet fizzy caffeinated soft drink, soda",
    "Diet Cola": "Diet Cola: a sugar-free zero-calorie fizzy caffeinated cola soda",
    "Lemon-Lime Soda": "Lemon-Lime Soda: a clear sweet citrus fizzy soft drink without caffeine",
    "Root Beer": "Root Beer: a sweet creamy vanilla fizzy soda without caffeine",
    "Ginger Ale": "Ginger Ale: a mild fizzy ginger soda, good for an upset stomach",
    "Spring Water": "Spring Water: plain still bottled drinking water for thirst and hydration",
    "Sparkling Water": "Sparkling Water: unsweetened fizzy carbonated seltzer water, no sugar",
    "Orange Juice": "Orange Juice: a fruity citrus breakfast juice with vitamin C",
    "Apple Juice": "Apple Juice: a sweet fruity juice for kids",
    "Energy Drink": "Energy Drink: a fizzy drink with lots of caffeine and sugar to stay awake and alert",
    "Iced Coffee": "Iced Coffee: a cold caffeinated coffee drink with milk, a morning pick-me-up",
    "Green Tea": "Green Tea: a light healthy iced tea with a little caffeine and antioxidants",
    "Lemonade": "Lemonade: a sweet and sour refreshing lemon drink for a hot day",
    "Potato Chips": "Potato Chips: a crunchy salty savory fried potato snack",
    "Pretzels": "Pretzels: a crunchy salty baked low-fat snack",
    "Tortilla Chips": "Tortilla Chips: spicy crunchy corn chips with cheese flavor",
    "Popcorn": "Popcorn: a light airy salty buttery snack, movie snack",
    "Chocolate Bar": "Chocolate Bar: a sweet rich chocolate candy treat, dessert",
    "Peanut M&Ms": "Peanut M&Ms: chocolate candies with peanuts, sweet and colorful",
    "Granola Bar": "Granola Bar: a wholesome oat and honey snack bar for breakfast on the go",
    "Trail Mix": "Trail Mix: nuts, raisins and seeds, a healthy energy snack for hiking",
    "Gum": "Gum: chewing gum for fresh breath",
    "Mints": "Mints: small peppermint candies for fresh breath",
    "Fruit Snacks": "Fruit Snacks: sweet chewy fruity gummy candies for kids",
    "Cookies": "Cookies: sweet baked chocolate chip biscuits, dessert",
    "Protein Bar": "Protein Bar: a high-protein bar for after the gym, workout fuel, filling",
    "Beef Jerky": "Beef Jerky: dried salty meat snack, high in protein, savory",
}


# Words that make a phrase a description (worth the semantic matcher) rather than an unknown item name:
# "pizza" is not in the catalog, "something salty" describes several things that are.
DESCRIPTIVE = frozenset(
    [
        "sweet",
        "salty",
        "savory",
        "savoury",
        "sugary",
        "sugar",
        "fizzy",
        "bubbly",
        "carbonated",
        "crunchy",
        "crispy",
        "chewy",
        "healthy",
        "spicy",
        "sour",
        "fruity",
        "caffeine",
        "caffeinated",
        "energy",
        "awake",
        "alert",
        "tired",
        "thirsty",
        "hungry",
        "light",
        "filling",
        "protein",
        "meat",
        "meaty",
        "chocolatey",
        "creamy",
        "cold",
        "refreshing",
        "diet",
        "sugarfree",
        "zero",
        "calorie",
        "calories",
        "breath",
        "hydrating",
        "hydration",
        "vitamin",
        "breakfast",
        "dessert",
        "treat",
        "kids",
        "workout",
        "gym",
        "hiking",
        "nutty",
        "cheesy",
        "buttery",
        "dried",
    ]
)


@dataclass(frozen=True)
class ProductMatch:
    """How a product phrase was understood. `product` is set only when one product is meant."""

    term: str  # the words of the query that name the product
    product: str | None
    alternatives: tuple[str, ...] = ()  # candidates (ambiguous) or near misses
    how: str = "exact"  # exact | fuzzy | semantic | ambiguous | none
    score: float = 100.0
    suggestions: tuple[str, ...] = field(default=())  # for `none`: what the user may have meant

    @property
    def found(self) -> bool:
        return self.product is not None or bool(self.alternatives and self.how == "ambiguous")


# (semantic matcher) phrase -> [(product, similarity 0..1)] best first; None when unavailable.
SemanticMatcher = Callable[[str], Sequence[tuple[str, float]] | None]


_ARTICLES = frozenset(["a", "an", "the", "un", "una"])


def _build_index() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    aliases: dict[str, str] = {}
    for product in CATALOG:
        aliases[key(product)] = product
    for product, words in LEXICON.items():
        for word in words:
            aliases.setdefault(key(word), product)
    # the words as written too, for typos of a plural: "cookeis" is far from the key "cooky", near "cookies"
    for product, words in LEXICON.items():
        for word in (product, *words):
            aliases.setdefault(" ".join(tokens(word)), product)
    ambiguous = {key(word): products for word, products in AMBIGUOUS.items()}
    return aliases, ambiguous


ALIASES, AMBIGUOUS_KEYS = _build_index()
USUAL_KEYS = {key(word): product for word, product in USUAL_READING.items()}
NAMES_BY_SIZE: dict[tuple[str, int], list[str]] = {}  # (product, words) -> its names of that many words
for _alias, _product in ALIASES.items():
    NAMES_BY_SIZE.setdefault((_product, len(_alias.split())), []).append(_alias)
MAX_ALIAS_WORDS = max(len(k.split()) for k in (*ALIASES, *AMBIGUOUS_KEYS))


def fuzzy_cutoff(text: str) -> float:
    """Longer words tolerate more typos: 'cokr' (4) needs 75, 'snikers' 80ish, short words must be exact."""
    n = len(text.replace(" ", ""))
    if n <= 3:
        return 101.0
    if n <= 5:
        return 74.0
    return 80.0


class ProductResolver:
    def __init__(self, semantic: SemanticMatcher | None = None, *, semantic_threshold: float = 0.4) -> None:
        self.semantic = semantic
        self.semantic_threshold = semantic_threshold
        self._alias_keys = list(ALIASES)
        self._all_keys = self._alias_keys + list(AMBIGUOUS_KEYS)

    # --- exact ---------------------------------------------------------------------------------
    def exact(self, phrase: str) -> ProductMatch | None:
        k = key(phrase)
        if k in ALIASES:
            return ProductMatch(term=phrase, product=ALIASES[k])
        if k in USUAL_KEYS:
            return ProductMatch(term=phrase, product=USUAL_KEYS[k], alternatives=AMBIGUOUS_KEYS[k])
        if k in AMBIGUOUS_KEYS:
            return ProductMatch(term=phrase, product=None, alternatives=AMBIGUOUS_KEYS[k], how="ambiguous")
        return None

    def scan(
        self, words: Sequence[str], places: Iterable[tuple[int, int]] = ()
    ) -> tuple[ProductMatch, int, int] | None:
        """The longest exact product mention in `words` (normalised tokens) that no longer place name
        overlaps (`places`: word spans): "Minute Maid Park" is a place, "La Croix" is not Los Angeles.

        A specific product beats an ambiguous word ("diet soda" over "soda"; "cola" over "drink").
        """
        places = list(places)
        best: tuple[ProductMatch, int, int] | None = None
        for size in range(min(MAX_ALIAS_WORDS, len(words)), 0, -1):
            for start in range(0, len(words) - size + 1):
                end = start + size
                if any(s < end and start < e and e - s >= size for s, e in places):
                    continue
                match = self.exact(" ".join(words[start : start + size]))
                if match is None:
                    continue
                if match.product is not None:
                    # "a coke zero": not "a coke" + "zero" when a name as long starts at the next word
                    later = self.exact(" ".join(words[start + 1 : end + 1])) if end < len(words) else None
                    if (
                        words[start] in _ARTICLES
                        and later is not None
                        and later.product is not None
                        and not any(s <= start + 1 < e or s < end + 1 <= e for s, e in places)
                    ):
                        return later, start + 1, end + 1
                    return match, start, end
                if best is None:
                    best = (match, start, end)
        return best

    def misspelt_name(self, phrase: str, product: str) -> bool:
        """Whether `phrase` is one of `product`'s names of as many words with a typo ("potatoe chips")."""
        k = key(phrase)
        names = [a for a in NAMES_BY_SIZE.get((product, len(k.split())), ()) if a != k]
        return bool(names) and process.extractOne(k, names, scorer=fuzz.ratio, score_cutoff=88) is not None

    # --- fuzzy, semantic -----------------------------------------------------------------------
    def fuzzy(self, phrase: str) -> ProductMatch | None:
        k = key(phrase)
        if not k:
            return None
        cutoff = fuzzy_cutoff(k)
        if cutoff > 100:
            return None
        hits = process.extract(k, self._all_keys, scorer=fuzz.ratio, limit=5, score_cutoff=cutoff)
        if not hits:
            return None
        if " " not in k:  # one word: typos rarely touch the first letter ("cokr", "snikers"), false friends do
            # nor is a whole word the typo of a longer name that starts with it: "gatorade" is not "gatorade bar"
            hits = [h for h in hits if h[0][:1] == k[:1] and not h[0].startswith(k + " ")]
            if not hits:
                return None
        best_key, score, _ = hits[0]
        if best_key in AMBIGUOUS_KEYS:
            return ProductMatch(
                term=phrase, product=None, alternatives=AMBIGUOUS_KEYS[best_key], how="ambiguous", score=score
            )
        product = ALIASES[best_key]
        others = []
        for other_key, other_score, _ in hits[1:]:
            other = ALIASES.get(other_key)
            if other and other != product and other not in others and other_score >= score - 3:
                others.append(other)
        return ProductMatch(term=phrase, product=product, alternatives=tuple(others), how="fuzzy", score=score)

    def semantic_match(self, phrase: str) -> ProductMatch | None:
        """Only for descriptions: a descriptive word ("sweet", "fizzy") or three content words or more."""
        if self.semantic is None or not phrase.strip():
            return None
        content = [w for w in key(phrase).split() if w not in FILLER_WORDS]
        if not content or (not DESCRIPTIVE.intersection(content) and len(content) < 3):
            return None
        ranked = self.semantic(phrase)
        if not ranked:
            return None
        threshold = getattr(self.semantic, "threshold", self.semantic_threshold)
        best, best_score = ranked[0]
        if best_score < threshold:
            return None
        close = tuple(p for p, s in ranked[1:5] if s > best_score - 0.05 and s >= threshold)
        tied = tuple(p for p, s in ranked[1:5] if s > best_score - 0.01 and s >= threshold)
        if tied:  # no telling them apart: the user chooses
            return ProductMatch(
                term=phrase, product=None, alternatives=(best, *tied), how="ambiguous", score=best_score * 100
            )
        return ProductMatch(term=phrase, product=best, alternatives=close, how="semantic", score=best_score * 100)

    def suggestions(self, phrase: str, limit: int = 3) -> tuple[str, ...]:
        k = key(phrase)
        found: list[str] = []
        for alias, _, _ in process.extract(k, self._alias_keys, scorer=fuzz.WRatio, limit=12):
            product = ALIASES[alias]
            if product not in found:
                found.append(product)
        if self.semantic is not None:
            for product, _ in reversed((self.semantic(phrase) or [])[:2]):
                if product in found:
                    found.remove(product)
                found.insert(0, product)
        return tuple(found[:limit])

    def resolve(self, phrase: str) -> ProductMatch:
        """One phrase that is meant to name a product, through every layer."""
        phrase = phrase.strip()
        for step in (self.exact, self.fuzzy, self.semantic_match):
            match = step(phrase)
            if match is not None:
                return match
        return ProductMatch(term=phrase, product=None, how="none", score=0.0, suggestions=self.suggestions(phrase))
