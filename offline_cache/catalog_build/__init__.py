"""Generator of the bundled service catalog: real Sichuan service items re-homed to Mianyang.

Run ``python -m offline_cache.catalog_build --out offline_cache/bundled/catalog.json.gz``.
The output is byte-for-byte deterministic for a given ``--total``.

Method (see README.md in this folder):

1. Source items: 1,135 real items of the Sichuan portal (广安区 extract, ``source_data/``) plus a
   small documented supplement (``sources.SUPPLEMENT``).
2. Each item is classified (``classify``): service object, themes / life events, which levels
   may hold it (市级 / 县级 markers in the name, task type, a town-level list), popularity.
3. Placement (``placement``): municipal 510700, the 9 county-level units, the 167 towns and
   streets, spread like a real catalog (permits at city and county level, public services at
   every level, a short town list); the municipal share fills up to the exact total.
4. Each placed item becomes a full guide (``guide_text``): national-format item code carrying
   the division's area code, department of that division, conditions, materials, fees, time
   limits, online depth, counters, legal basis, form id and version.
5. English names (``name_en``, ``division_en``): the service name composed from a hand
   glossary and name patterns (CC-CEDICT as the fallback for rare words), divisions by their
   official English names or pinyin + Town / Subdistrict / Township. No translation service.
6. ``min_applicant_age`` (``classify.min_applicant_age``): the youngest age at which a person
   may apply alone, with the legal reason beside each rule; absent where there is no limit.
"""
