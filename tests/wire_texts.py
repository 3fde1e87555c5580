"""Short French wire dispatches from four theatres, shared by the store, serve and export test factories."""

KHARKIV = (
    "KIEV, 14 mars (Reuters) - Au moins douze civils ont été tués jeudi dans une frappe de missile russe "
    "sur Kharkiv, a annoncé le gouverneur régional Oleh Synegoubov. Le ministère russe de la Défense a "
    "affirmé avoir détruit trois chars ukrainiens près de Koupiansk."
)
MALI = (
    "BAMAKO, 2 juillet (AFP) - Des hommes armés ont tué au moins 40 civils dans le village de Djiguibombo, "
    "dans le centre du Mali, selon des élus locaux. L'armée malienne a dit avoir « neutralisé » une "
    "vingtaine de terroristes lors d'une riposte près de Bandiagara."
)
SUDAN = (
    "KHARTOUM, 19 décembre (AFP) - Les Forces de soutien rapide (FSR) ont pris le contrôle de Wad Madani, "
    "selon des témoins. L'armée soudanaise a fait état de 25 soldats tués et a annoncé son retrait de la ville."
)
GAZA = (
    "GAZA, 12 février (AFP) - Le ministère de la Santé du Hamas a fait état de 31 morts dans des frappes "
    "israéliennes sur Rafah, dans le sud de la bande de Gaza, où s'entassent plus d'un million de déplacés."
)
