"""Issue 16, fourteenth round (block "venues.tsv round 14c"): music halls, theatres,
museums, churches, hotels, bars, restaurants, schools, hospitals, malls, parks and canyons of New Orleans, Jacksonville,
Salt Lake City, Los Angeles and Houston that neither "coke at <name>" nor "coke at <name> <city>" placed within the
kind's tolerance. Queries are written as people type them (with and without the city, short names, a few in Spanish,
a few misspelt); each expected point is something that stands at or beside the place (a station, a corner, a
neighbouring building or park), written apart from its row, with a tolerance fit to how far that neighbour stands."""

import pytest

from search.tests.offline import km_from


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # New Orleans
        ("coke at the spotted cat", (29.9637, -90.0579), 0.4),  # Frenchmen St and Chartres St
        ("coke at the spoted cat new orleans", (29.9637, -90.0579), 0.4),  # misspelt
        ("coke at one eyed jacks", (29.9585, -90.0650), 0.5),  # Toulouse St and Bourbon St
        ("coke at the joy theater", (29.9545, -90.0720), 0.4),  # Canal St and Elk Pl
        ("agua cerca de windsor court hotel", (29.9493, -90.0660), 0.4),  # Gravier St and Tchoupitoulas St
        ("coke at the royal sonesta", (29.9558, -90.0677), 0.4),  # Bourbon St and Bienville St
        ("coke at the ritz carlton new orleans", (29.9550, -90.0700), 0.4),  # Canal St and Dauphine St
        ("coke at hilton riverside new orleans", (29.9478, -90.0636), 0.6),  # Harrah's and the Riverwalk
        ("coke at the court of two sisters", (29.9577, -90.0655), 0.4),  # Royal St and Toulouse St
        ("coke at jacques imos", (29.9450, -90.1320), 0.6),  # Oak St and S Carrollton Ave
        ("refresco cerca de old absinthe house", (29.9553, -90.0685), 0.4),  # Bourbon St and Bienville St
        ("coke at the pitot house", (29.9840, -90.0870), 0.6),  # Bayou St. John at Moss St
        ("coke at st louis cemetery no 3", (29.9860, -90.0870), 0.8),  # Esplanade Ave at Bayou St. John
        ("coke at st patricks church new orleans", (29.9460, -90.0700), 0.4),  # Camp St and Julia St
        ("coke at archbishop rummel", (29.9900, -90.1600), 0.8),  # Severn Ave in Metairie
        ("coke at oakwood mall", (29.9220, -90.0380), 1.0),  # West Bank Expy and Terry Pkwy
        ("coke at the huey p long bridge", (29.9440, -90.1690), 1.0),  # Jefferson Hwy at the bridge's east end
        ("coke at suno", (30.0230, -90.0450), 1.0),  # Press Dr at Pontchartrain Park
        # Jacksonville
        ("coke at catty shack ranch", (30.4800, -81.5600), 1.5),  # Starratt Rd north of Dunn Ave
        ("coke at the omni jacksonville", (30.3265, -81.6610), 0.5),  # Jacksonville Landing site
        ("coke at hyatt regency jacksonville", (30.3250, -81.6520), 0.5),  # Coastline Dr by the Main Street Bridge
        ("coke at baptist south", (30.1700, -81.5550), 1.5),  # I-95 at Old St. Augustine Rd
        ("coke at engine 15 brewing jacksonville beach", (30.2870, -81.4000), 1.0),  # Beach Blvd at 3rd St S
        ("coke at the st johns river jacksonville", (30.3210, -81.6590), 1.5),  # Main Street Bridge
        # Gateway Town Center: the article's point (Norwood Ave at Golfair Blvd); round 15b moved the row there, and the
        # point used before (from memory, further north on Norwood Ave) is 2.2 km from it
        ("coke at gateway town center jacksonville", (30.369480, -81.665782), 1.0),
        # Salt Lake City
        ("coke at umoca", (40.7690, -111.8940), 0.4),  # West Temple and 100 S (Salt Palace)
        ("coke at the copper onion", (40.7625, -111.8880), 0.4),  # Broadway (300 S) and State St
        ("agua cerca de hilton salt lake city center", (40.7630, -111.8940), 0.4),  # 300 S and West Temple
        ("coke at usana amphitheatre", (40.6620, -112.0230), 1.5),  # 5150 S 6055 W (West Valley City)
        ("coke at alta view hospital", (40.5750, -111.8550), 1.0),  # 9600 S and 1300 E (Sandy)
        ("coke at jordan landing", (40.6230, -111.9800), 1.5),  # 7200 S at Bangerter Hwy
        ("coke at big cottonwood canyon", (40.6190, -111.7890), 1.5),  # Wasatch Blvd at the canyon's mouth
        ("coke at ruths diner", (40.7540, -111.7830), 1.0),  # Emigration Canyon Rd
        # Los Angeles
        ("coke at the novo", (34.0447, -118.2660), 0.5),  # Crypto.com Arena's Figueroa side
        ("coke at the belasco los angeles", (34.0410, -118.2570), 0.5),  # Hill St and 11th St
        ("coke at ahmanson theatre", (34.0570, -118.2470), 0.4),  # Civic Center/Grand Park station
        ("coke at the magic castle", (34.1040, -118.3410), 0.5),  # Franklin Ave and Orange Dr
        ("coke at royce hall ucla", (34.0720, -118.4420), 0.5),  # Powell Library
        ("coke at wilshire boulevard temple", (34.0620, -118.3080), 0.5),  # Wilshire/Normandie station
        ("agua cerca del hotel figueroa", (34.0450, -118.2640), 0.5),  # Figueroa St and Olympic Blvd
        ("coke at the beverly hilton", (34.0670, -118.4130), 0.4),  # Wilshire Blvd and Santa Monica Blvd
        ("coke at guisados boyle heights", (34.0480, -118.2190), 0.8),  # Soto station
        ("coke at in n out lax", (33.9530, -118.3960), 0.8),  # Sepulveda Blvd at the airport
        ("coke at lake shrine", (34.0440, -118.5580), 0.8),  # Sunset Blvd at the coast
        # Houston
        ("coke at katy mills", (29.7760, -95.8090), 1.0),  # I-10 at Pin Oak Rd
        ("refresco cerca de katy mils", (29.7760, -95.8090), 1.0),  # misspelt
        ("coke at deerbrook mall", (30.0100, -95.2700), 1.0),  # US 59 at FM 1960
        ("coke at the woodlands pavilion", (30.1620, -95.4660), 1.0),  # Lake Robbins Dr
        ("coke at 713 music hall", (29.7650, -95.3640), 0.6),  # POST Houston
        ("coke at the health museum houston", (29.7220, -95.3890), 0.5),  # Hermann Park/Rice U station
        ("coke at pennzoil place", (29.7600, -95.3660), 0.4),  # Main Street Square station is 0.4 km
        ("coke at the houstonian", (29.7640, -95.4560), 1.0),  # Memorial Park's east edge
        ("coke at the pit room", (29.7325, -95.3960), 0.6),  # Richmond Ave and Montrose Blvd
        ("agua cerca de la health museum", (29.7220, -95.3890), 0.5),  # Spanish, same neighbour
    ],
)
def test_round14c_places(query, point, km):
    assert km_from(query, point) < km
