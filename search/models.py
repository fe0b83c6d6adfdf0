"""The search app keeps no tables: its index lives in Redis (see `search.index`) and is derived from
the fleet's tables, read through `fleet.selectors`."""
