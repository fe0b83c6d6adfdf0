"""The stock-aware geo index in Redis: "nearest in-stock machines of product P from point X", exactly.

One GEO set per product, `search:geo:<product>`, holding the machines that have the product in stock
(quantity > 0) and are not offline, at their coordinates; beside it a hash `search:qty:<product>`
(machine -> quantity) written in the same transactions, so a result's stock needs no extra query.
A query is GEOSEARCH ... BYRADIUS ... ASC COUNT n over growing radii (1, 4, 16, 64, 256, 1024,
4096 km) until n machines are found or the radius is exhausted, so a dense city answers from its
first ring and an empty region still finds the nearest machine a state away; the rings and the
quantities run in one Lua script, one round trip. GEOSEARCH needs
Redis 6.2+ (the embedded 6.2, CI's 7.0, Redis 8).

Updates re-derive a machine's memberships from its inventory rows: in one MULTI/EXEC, the machine is
removed from every product set and added to those it qualifies for, so a reader never sees a half
update. A rebuild writes fresh sets under temporary keys and RENAMEs them over the live ones in one
transaction. No Django here: pass a redis client and rows.
"""

from __future__ import annotations

import secrets
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import redis

PREFIX = "search:geo:"
QTY_PREFIX = "search:qty:"
META = "search:geo-meta"
RADII_KM = (1.0, 4.0, 16.0, 64.0, 256.0, 1024.0, 4096.0)
BATCH = 2000

Row = tuple[object, str, int, str, float, float]  # machine_id, product, quantity, status, lat, lon


def product_key(product: str) -> str:
    return PREFIX + product


def quantity_key(product: str) -> str:
    return QTY_PREFIX + product


def qualifies(quantity: int, status: str, latitude: float | None, longitude: float | None) -> bool:
    return (
        quantity > 0
        and status != "offline"
        and latitude is not None
        and longitude is not None
        and -85.05112878 <= latitude <= 85.05112878  # Redis GEO's valid range
        and -180 <= longitude <= 180
    )


@dataclass(frozen=True)
class Hit:
    machine_id: str
    product: str
    distance_km: float
    quantity: int = 0


# The growing rings in one round trip (they were one pipeline per ring, then one for the quantities: seven
# round trips for a place outside a dense centre). KEYS: the products' GEO sets, then their quantity hashes.
# ARGV: lon, lat, count per product, distinct machines wanted, the radii, "|", the excluded machines. Returns,
# per product, the last ring's hits flattened as member, distance (km), quantity.
NEAREST_SCRIPT = """
local n = #KEYS / 2
local lon, lat, count, wanted = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local radii, excluded, i = {}, {}, 5
while ARGV[i] ~= '|' do radii[#radii + 1] = ARGV[i]; i = i + 1 end
for j = i + 1, #ARGV do excluded[ARGV[j]] = true end
local found = {}
for _, radius in ipairs(radii) do
  local seen, distinct = {}, 0
  for p = 1, n do
    found[p] = redis.call('GEOSEARCH', KEYS[p], 'FROMLONLAT', lon, lat, 'BYRADIUS', radius, 'km', 'ASC',
                          'COUNT', count, 'WITHDIST')
    for _, hit in ipairs(found[p]) do
      if not excluded[hit[1]] and not seen[hit[1]] then seen[hit[1]] = true; distinct = distinct + 1 end
    end
  end
  if distinct >= wanted then break end
end
local out = {}
for p = 1, n do
  local flat = {}
  for _, hit in ipairs(found[p] or {}) do
    flat[#flat + 1] = hit[1]; flat[#flat + 1] = hit[2]; flat[#flat + 1] = redis.call('HGET', KEYS[n + p], hit[1]) or '0'
  end
  out[p] = flat
end
return out
"""
_scripts: dict[str, object] = {}


def _nearest_script(client: redis.Redis):
    """The registered script (EVALSHA, loaded again by redis-py if a restarted Redis lost it)."""
    return _scripts.get("nearest") or _scripts.setdefault("nearest", client.register_script(NEAREST_SCRIPT))


class GeoIndex:
    def __init__(self, client: redis.Redis, products: Sequence[str]) -> None:
        self.redis = client
        self.products = list(products)

    # --- writes --------------------------------------------------------------------------------
    def update(self, machine_ids: Iterable[object], rows: Iterable[Row]) -> int:
        """Re-derive the memberships of `machine_ids` from `rows` (their current inventory rows; a
        machine with no rows, e.g. deleted, leaves every set). Returns the memberships written."""
        wanted: dict[str, list[tuple[str, float, float, int]]] = defaultdict(list)
        for machine_id, product, quantity, status, lat, lon in rows:
            if product in self.products and qualifies(quantity, status, lat, lon):
                wanted[str(machine_id)].append((product, lon, lat, quantity))
        ids = [str(m) for m in machine_ids]
        written = 0
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            pipe = self.redis.pipeline(transaction=True)
            for product in self.products:
                pipe.zrem(product_key(product), *chunk)
                pipe.hdel(quantity_key(product), *chunk)
            for machine_id in chunk:
                for product, lon, lat, quantity in wanted.get(machine_id, ()):
                    pipe.geoadd(product_key(product), (lon, lat, machine_id))
                    pipe.hset(quantity_key(product), machine_id, quantity)
                    written += 1
            pipe.execute()
        return written

    def rebuild(self, rows: Iterable[Row]) -> int:
        """Replace the whole index from every inventory row. Returns the memberships written."""
        token = secrets.token_hex(6)
        temp = {p: f"search:geo-build:{token}:{p}" for p in self.products}
        temp_qty = {p: f"search:qty-build:{token}:{p}" for p in self.products}
        written = 0
        # members are sent in multi-member GEOADD/HSET commands, a few thousand at a time
        points: dict[str, list] = {p: [] for p in self.products}
        amounts: dict[str, dict[str, int]] = {p: {} for p in self.products}
        pending = 0

        def flush() -> None:
            pipe = self.redis.pipeline(transaction=False)
            for product in self.products:
                if points[product]:
                    pipe.geoadd(temp[product], points[product])
                    pipe.hset(temp_qty[product], mapping=amounts[product])
                    pipe.expire(temp[product], 3600)  # a rebuild that dies leaves nothing behind for long
                    pipe.expire(temp_qty[product], 3600)
                    points[product], amounts[product] = [], {}
            pipe.execute()

        for machine_id, product, quantity, status, lat, lon in rows:
            if product in temp and qualifies(quantity, status, lat, lon):
                member = str(machine_id)
                points[product].extend((lon, lat, member))
                amounts[product][member] = quantity
                written += 1
                pending += 1
                if pending >= BATCH * 5:
                    flush()
                    pending = 0
        flush()
        existing = {p for p in self.products if self.redis.exists(temp[p])}
        swap = self.redis.pipeline(transaction=True)
        for product in self.products:
            if product in existing:
                swap.rename(temp[product], product_key(product))
                swap.rename(temp_qty[product], quantity_key(product))
                swap.persist(product_key(product))  # RENAME keeps the temporary key's TTL
                swap.persist(quantity_key(product))
            else:
                swap.delete(product_key(product), quantity_key(product))
        swap.hset(META, mapping={"built_at": f"{time.time():.3f}", "memberships": written})
        swap.execute()
        return written

    def built(self) -> bool:
        """Whether a rebuild ever completed in this Redis (a flushed or new Redis has no index)."""
        return bool(self.redis.exists(META))

    def clear(self) -> None:
        self.redis.delete(*(product_key(p) for p in self.products), *(quantity_key(p) for p in self.products), META)

    # --- reads ---------------------------------------------------------------------------------
    def nearest(
        self,
        products: Sequence[str],
        latitude: float,
        longitude: float,
        *,
        limit: int,
        radius_km: float | None = None,
        exclude: Iterable[str] = (),
    ) -> list[Hit]:
        """The `limit` nearest machines having any of `products`, nearest first (one hit a machine)."""
        excluded = [str(m) for m in exclude]
        radii = [r for r in RADII_KM if radius_km is None or r < radius_km]
        if radius_km is not None:
            radii.append(radius_km)
        keys = [*(product_key(p) for p in products), *(quantity_key(p) for p in products)]
        args = [longitude, latitude, limit + len(excluded), limit, *radii, "|", *excluded]
        found = _nearest_script(self.redis)(keys=keys, args=args, client=self.redis)
        skip = set(excluded)
        best: dict[str, Hit] = {}
        for product, flat in zip(products, found, strict=True):
            for member, distance, quantity in zip(flat[0::3], flat[1::3], flat[2::3], strict=True):
                machine_id = member.decode() if isinstance(member, bytes) else member
                if machine_id in skip:
                    continue
                hit = Hit(machine_id, product, float(distance), int(quantity))
                if machine_id not in best or hit.distance_km < best[machine_id].distance_km:
                    best[machine_id] = hit
        return sorted(best.values(), key=lambda h: (h.distance_km, h.machine_id))[:limit]

    def size(self) -> dict[str, int]:
        pipe = self.redis.pipeline(transaction=False)
        for product in self.products:
            pipe.zcard(product_key(product))
        return dict(zip(self.products, pipe.execute(), strict=True))
