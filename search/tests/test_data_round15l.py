"""Issue 16, fifteenth round, helper 15l: verification of venues.tsv landmark, park and neighbourhood points that were
written from memory ("not read", "point from memory") in Charlotte, Indianapolis, Denver, Nashville, Portland,
Minneapolis and Kansas City. The large and suburban parks, lakes and landmarks most likely to be off were looked up
(published coordinates of the Wikipedia article, read through the search tool, mostly through mirrors of the article);
every row more than 0.5 km off (1 km for large parks, lakes and reserves) was moved to the looked-up point, edited in
place. Each moved place is probed as people type it (short names, with and without the town or city, in Spanish,
misspelt); the expected point is the looked-up one, written here apart from the row, with a tolerance of 0.5 km."""

import pytest

from search.tests.offline import km_from


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # Charlotte: Lake Norman (the lake's point from the Lincoln County page), was 7.9 km south, at Cowans Ford
        ("coke at lake norman", (35.5178, -80.9558), 0.5),
        ("coke at lake norman charlotte", (35.5178, -80.9558), 0.5),
        ("coke at lake norman nc", (35.5178, -80.9558), 0.5),
        ("agua cerca de lake norman", (35.5178, -80.9558), 0.5),
        ("coke at lake normon", (35.5178, -80.9558), 0.5),
        # Charlotte: Lake Wylie, was 1.8 km north-east
        ("coke at lake wylie", (35.0858, -81.0586), 0.5),
        ("coke at lake wylie sc", (35.0858, -81.0586), 0.5),
        ("agua cerca de lake wylie", (35.0858, -81.0586), 0.5),
        ("coke at lake wylee", (35.0858, -81.0586), 0.5),
        # Charlotte: Mountain Island Lake, was 4.9 km south-west
        ("coke at mountain island lake", (35.3639, -80.9394), 0.5),
        ("coke at mountain island lake charlotte", (35.3639, -80.9394), 0.5),
        ("agua cerca de mountain island lake", (35.3639, -80.9394), 0.5),
        ("coke at mountian island lake", (35.3639, -80.9394), 0.5),
        # Charlotte: Anne Springs Close Greenway (Fort Mill, S.C.), was 2.1 km south
        ("coke at anne springs close greenway", (35.0455, -80.9323), 0.5),
        ("coke at anne springs greenway fort mill", (35.0455, -80.9323), 0.5),
        ("agua cerca de anne springs close greenway", (35.0455, -80.9323), 0.5),
        ("coke at ann springs close greenway", (35.0455, -80.9323), 0.5),
        # Charlotte: Reedy Creek Park, was 1.2 km south
        ("coke at reedy creek park", (35.2755, -80.7169), 0.5),
        ("coke at reedy creek park charlotte", (35.2755, -80.7169), 0.5),
        ("coke at reedy creek nature preserve", (35.2755, -80.7169), 0.5),
        ("agua cerca de reedy creek park", (35.2755, -80.7169), 0.5),
        ("coke at ready creek park", (35.2755, -80.7169), 0.5),
        # Indianapolis: Grand Park (Westfield), was 1.7 km south-west
        ("coke at grand park westfield", (40.0580, -86.1489), 0.5),
        ("coke at grand park sports campus", (40.0580, -86.1489), 0.5),
        ("coke at grand park indianapolis", (40.0580, -86.1489), 0.5),
        ("agua cerca de grand park westfield", (40.0580, -86.1489), 0.5),
        # Indianapolis: Potter's Bridge Park (the covered bridge), was 1.8 km east
        ("coke at potters bridge park", (40.0725, -86.0006), 0.5),
        ("coke at potter's bridge park noblesville", (40.0725, -86.0006), 0.5),
        ("coke at potters bridge", (40.0725, -86.0006), 0.5),
        ("agua cerca de potters bridge park", (40.0725, -86.0006), 0.5),
        # Denver: Rocky Mountain Arsenal National Wildlife Refuge, was 2.2 km south-west
        ("coke at rocky mountain arsenal", (39.8333, -104.8417), 0.5),
        ("coke at rocky mountain arsenal national wildlife refuge", (39.8333, -104.8417), 0.5),
        ("coke at rocky mountain arsenal denver", (39.8333, -104.8417), 0.5),
        ("agua cerca de rocky mountain arsenal", (39.8333, -104.8417), 0.5),
        ("coke at rocky mtn arsenal", (39.8333, -104.8417), 0.5),
        # Denver: Fairmount Cemetery (at its mausoleum), was 1.1 km north-west, at the Alameda/Quebec corner
        ("coke at fairmount cemetery denver", (39.7053, -104.8933), 0.5),
        ("coke at fairmount cemetery", (39.7053, -104.8933), 0.5),
        ("agua cerca de fairmount cemetery denver", (39.7053, -104.8933), 0.5),
        ("coke at fairmont cemetery denver", (39.7053, -104.8933), 0.5),
        # Portland: Smith and Bybee Wetlands, was 4.4 km east
        ("coke at smith and bybee wetlands", (45.6172, -122.7783), 0.5),
        ("coke at smith and bybee lakes portland", (45.6172, -122.7783), 0.5),
        ("agua cerca de smith and bybee wetlands", (45.6172, -122.7783), 0.5),
        ("coke at smith bybee lakes", (45.6172, -122.7783), 0.5),
        # Portland: Sauvie Island, was 3.7 km south-west
        ("coke at sauvie island", (45.7000, -122.8000), 0.5),
        ("coke at sauvie island portland", (45.7000, -122.8000), 0.5),
        ("agua cerca de sauvie island", (45.7000, -122.8000), 0.5),
        ("coke at sauvies island", (45.7000, -122.8000), 0.5),
        # Minneapolis: Lake Minnetonka, was 1.1 km west
        ("coke at lake minnetonka", (44.9333, -93.5667), 0.5),
        ("coke at lake minnetonka minneapolis", (44.9333, -93.5667), 0.5),
        ("agua cerca de lake minnetonka", (44.9333, -93.5667), 0.5),
        ("coke at lake minetonka", (44.9333, -93.5667), 0.5),
        # Minneapolis: Lebanon Hills Regional Park (Eagan), was 1.8 km north-west
        ("coke at lebanon hills", (44.7772, -93.1669), 0.5),
        ("coke at lebanon hills regional park", (44.7772, -93.1669), 0.5),
        ("coke at lebanon hills eagan", (44.7772, -93.1669), 0.5),
        ("agua cerca de lebanon hills regional park", (44.7772, -93.1669), 0.5),
        ("coke at lebanon hill regional park", (44.7772, -93.1669), 0.5),
        # Minneapolis: Canterbury Park (Shakopee), was 2.0 km south-west
        ("coke at canterbury park", (44.7896, -93.4801), 0.5),
        ("coke at canterbury park shakopee", (44.7896, -93.4801), 0.5),
        ("coke at canterbury park minneapolis", (44.7896, -93.4801), 0.5),
        ("agua cerca de canterbury park", (44.7896, -93.4801), 0.5),
        ("coke at canterberry park", (44.7896, -93.4801), 0.5),
    ],
)
def test_round15l_corrected_points(query, point, km):
    assert km_from(query, point) < km
