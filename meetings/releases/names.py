"""The names a release uses for states, groups, bodies, series, cities and venues.

A table, not the archive: the parser recognises these names in any of their forms
(short, formal, former, abbreviation; English and Japanese) and reports the entry's
slug and English name; matching them to rows of the archive is a later step. Slugs are
the archive's own where it has the organisation ("republic-of-korea", "viet-nam").
"""

from dataclasses import dataclass

COUNTRY = "country"
REGIONAL_GROUP = "regional_group"
INTERNATIONAL_BODY = "international_body"


@dataclass(frozen=True)
class Name:
    slug: str
    name: str  # the English name the archive uses
    classification: str = COUNTRY
    iso_code: str = ""
    abbreviations: tuple[str, ...] = ()  # matched as written: "EU", "ROK"
    en: tuple[str, ...] = ()  # other English names: short, formal, former
    ja: tuple[str, ...] = ()  # Japanese names: short, formal, former
    groups: tuple[str, ...] = ()  # slugs of the groups it belongs to (ASEAN's members)

    @property
    def names(self):
        """Every form, abbreviations apart."""
        return (self.name, *self.en, *self.ja)


ORGANIZATIONS = [
    # ASEAN's members, with the formal names lists of delegations use.
    Name("brunei-darussalam", "Brunei Darussalam", iso_code="BN", en=("Brunei",),
         ja=("ブルネイ", "ブルネイ・ダルサラーム", "ブルネイ・ダルサラーム国"), groups=("asean",)),
    Name("cambodia", "Cambodia", iso_code="KH", en=("Kingdom of Cambodia",),
         ja=("カンボジア", "カンボジア王国"), groups=("asean",)),
    Name("indonesia", "Indonesia", iso_code="ID", en=("Republic of Indonesia",),
         ja=("インドネシア", "インドネシア共和国"), groups=("asean",)),
    Name("lao-pdr", "Lao PDR", iso_code="LA", abbreviations=("Lao PDR",),
         en=("Laos", "Lao People's Democratic Republic"),
         ja=("ラオス", "ラオス人民民主共和国"), groups=("asean",)),
    Name("malaysia", "Malaysia", iso_code="MY", ja=("マレーシア",), groups=("asean",)),
    Name("myanmar", "Myanmar", iso_code="MM",
         en=("Union of Myanmar", "Republic of the Union of Myanmar", "Burma"),
         ja=("ミャンマー", "ミャンマー連邦", "ミャンマー連邦共和国", "ビルマ"), groups=("asean",)),
    Name("philippines", "Philippines", iso_code="PH", en=("Republic of the Philippines",),
         ja=("フィリピン", "フィリピン共和国"), groups=("asean",)),
    Name("singapore", "Singapore", iso_code="SG", en=("Republic of Singapore",),
         ja=("シンガポール", "シンガポール共和国"), groups=("asean",)),
    Name("thailand", "Thailand", iso_code="TH", en=("Kingdom of Thailand",),
         ja=("タイ", "タイ王国"), groups=("asean",)),
    Name("viet-nam", "Viet Nam", iso_code="VN", en=("Vietnam", "Socialist Republic of Viet Nam",
         "Socialist Republic of Vietnam"), ja=("ベトナム", "ヴェトナム", "ベトナム社会主義共和国"),
         groups=("asean",)),
    Name("timor-leste", "Timor-Leste", iso_code="TL",
         en=("East Timor", "Democratic Republic of Timor-Leste"),
         ja=("東ティモール", "東ティモール民主共和国")),
    # The other states of the region and the ARF, and partners of the series.
    Name("japan", "Japan", iso_code="JP", ja=("日本", "日本国", "我が国")),
    Name("china", "China", iso_code="CN", en=("People's Republic of China",),
         ja=("中国", "中華人民共和国")),
    Name("republic-of-korea", "Republic of Korea", iso_code="KR", abbreviations=("ROK",),
         en=("Korea", "South Korea"), ja=("韓国", "大韓民国")),
    Name("dprk", "Democratic People's Republic of Korea", iso_code="KP",
         abbreviations=("DPRK",), en=("North Korea",), ja=("北朝鮮", "朝鮮民主主義人民共和国")),
    Name("mongolia", "Mongolia", iso_code="MN", ja=("モンゴル", "モンゴル国")),
    Name("india", "India", iso_code="IN", en=("Republic of India",), ja=("インド",)),
    Name("pakistan", "Pakistan", iso_code="PK", en=("Islamic Republic of Pakistan",),
         ja=("パキスタン",)),
    Name("bangladesh", "Bangladesh", iso_code="BD", en=("People's Republic of Bangladesh",),
         ja=("バングラデシュ",)),
    Name("sri-lanka", "Sri Lanka", iso_code="LK", ja=("スリランカ",)),
    Name("nepal", "Nepal", iso_code="NP", ja=("ネパール",)),
    Name("australia", "Australia", iso_code="AU", en=("Commonwealth of Australia",),
         ja=("豪州", "オーストラリア")),
    Name("new-zealand", "New Zealand", iso_code="NZ", ja=("ニュージーランド",)),
    Name("papua-new-guinea", "Papua New Guinea", iso_code="PG", abbreviations=("PNG",),
         ja=("パプアニューギニア",)),
    Name("fiji", "Fiji", iso_code="FJ", ja=("フィジー",)),
    Name("canada", "Canada", iso_code="CA", ja=("カナダ",)),
    Name("united-states", "United States", iso_code="US", abbreviations=("U.S.", "USA"),
         en=("United States of America",), ja=("米国", "アメリカ", "アメリカ合衆国")),
    Name("russia", "Russia", iso_code="RU", en=("Russian Federation",),
         ja=("ロシア", "ロシア連邦")),
    Name("united-kingdom", "United Kingdom", iso_code="GB", abbreviations=("UK",),
         en=("United Kingdom of Great Britain and Northern Ireland",),
         ja=("英国", "イギリス")),
    Name("france", "France", iso_code="FR", ja=("フランス",)),
    Name("germany", "Germany", iso_code="DE", ja=("ドイツ",)),
    Name("italy", "Italy", iso_code="IT", ja=("イタリア",)),
    Name("netherlands", "Netherlands", iso_code="NL", en=("Kingdom of the Netherlands",),
         ja=("オランダ",)),
    Name("norway", "Norway", iso_code="NO", ja=("ノルウェー",)),
    Name("poland", "Poland", iso_code="PL", ja=("ポーランド",)),
    Name("spain", "Spain", iso_code="ES", ja=("スペイン",)),
    Name("sweden", "Sweden", iso_code="SE", ja=("スウェーデン",)),
    Name("turkey", "Türkiye", iso_code="TR", en=("Turkey",), ja=("トルコ",)),
    Name("bahrain", "Bahrain", iso_code="BH", en=("Kingdom of Bahrain",), ja=("バーレーン",)),
    Name("qatar", "Qatar", iso_code="QA", ja=("カタール",)),
    Name("saudi-arabia", "Saudi Arabia", iso_code="SA", ja=("サウジアラビア",)),
    Name("united-arab-emirates", "United Arab Emirates", iso_code="AE", abbreviations=("UAE",),
         ja=("アラブ首長国連邦",)),
    Name("israel", "Israel", iso_code="IL", ja=("イスラエル",)),
    Name("brazil", "Brazil", iso_code="BR", ja=("ブラジル",)),
    Name("argentina", "Argentina", iso_code="AR", ja=("アルゼンチン",)),
    Name("mexico", "Mexico", iso_code="MX", ja=("メキシコ",)),
    Name("chile", "Chile", iso_code="CL", ja=("チリ",)),
    Name("south-africa", "South Africa", iso_code="ZA", ja=("南アフリカ", "南アフリカ共和国")),
    Name("kazakhstan", "Kazakhstan", iso_code="KZ", ja=("カザフスタン",)),
    Name("uzbekistan", "Uzbekistan", iso_code="UZ", ja=("ウズベキスタン",)),
    Name("kyrgyzstan", "Kyrgyzstan", iso_code="KG", en=("Kyrgyz Republic",), ja=("キルギス",)),
    Name("tajikistan", "Tajikistan", iso_code="TJ", ja=("タジキスタン",)),
    Name("turkmenistan", "Turkmenistan", iso_code="TM", ja=("トルクメニスタン",)),
    Name("afghanistan", "Afghanistan", iso_code="AF", ja=("アフガニスタン",)),
    Name("iran", "Iran", iso_code="IR", en=("Islamic Republic of Iran",), ja=("イラン",)),
    Name("iraq", "Iraq", iso_code="IQ", ja=("イラク",)),
    Name("jordan", "Jordan", iso_code="JO", ja=("ヨルダン",)),
    Name("kuwait", "Kuwait", iso_code="KW", ja=("クウェート",)),
    Name("oman", "Oman", iso_code="OM", ja=("オマーン",)),
    Name("egypt", "Egypt", iso_code="EG", ja=("エジプト",)),
    Name("maldives", "Maldives", iso_code="MV", ja=("モルディブ",)),
    Name("bhutan", "Bhutan", iso_code="BT", ja=("ブータン",)),
    Name("solomon-islands", "Solomon Islands", iso_code="SB", ja=("ソロモン諸島",)),
    Name("samoa", "Samoa", iso_code="WS", ja=("サモア",)),
    Name("tonga", "Tonga", iso_code="TO", ja=("トンガ",)),
    Name("vanuatu", "Vanuatu", iso_code="VU", ja=("バヌアツ",)),
    Name("palau", "Palau", iso_code="PW", ja=("パラオ",)),
    Name("marshall-islands", "Marshall Islands", iso_code="MH", ja=("マーシャル諸島",)),
    Name("micronesia", "Micronesia", iso_code="FM", en=("Federated States of Micronesia",),
         ja=("ミクロネシア", "ミクロネシア連邦")),
    Name("ukraine", "Ukraine", iso_code="UA", ja=("ウクライナ",)),
    Name("belgium", "Belgium", iso_code="BE", ja=("ベルギー",)),
    Name("denmark", "Denmark", iso_code="DK", ja=("デンマーク",)),
    Name("finland", "Finland", iso_code="FI", ja=("フィンランド",)),
    Name("switzerland", "Switzerland", iso_code="CH", ja=("スイス",)),
    Name("austria", "Austria", iso_code="AT", ja=("オーストリア",)),
    Name("czechia", "Czechia", iso_code="CZ", en=("Czech Republic",), ja=("チェコ",)),
    Name("hungary", "Hungary", iso_code="HU", ja=("ハンガリー",)),
    Name("greece", "Greece", iso_code="GR", ja=("ギリシャ",)),
    Name("portugal", "Portugal", iso_code="PT", ja=("ポルトガル",)),
    Name("ireland", "Ireland", iso_code="IE", ja=("アイルランド",)),
    Name("romania", "Romania", iso_code="RO", ja=("ルーマニア",)),
    Name("nigeria", "Nigeria", iso_code="NG", ja=("ナイジェリア",)),
    Name("kenya", "Kenya", iso_code="KE", ja=("ケニア",)),
    Name("peru", "Peru", iso_code="PE", ja=("ペルー",)),
    Name("colombia", "Colombia", iso_code="CO", ja=("コロンビア",)),
    Name("morocco", "Morocco", iso_code="MA", ja=("モロッコ",)),
    # Regional groups and international bodies.
    Name("asean", "Association of Southeast Asian Nations", REGIONAL_GROUP,
         abbreviations=("ASEAN",), ja=("東南アジア諸国連合",)),
    Name("asean-secretariat", "ASEAN Secretariat", INTERNATIONAL_BODY, ja=("ASEAN事務局",)),
    Name("arf", "ASEAN Regional Forum", REGIONAL_GROUP, abbreviations=("ARF",),
         ja=("ASEAN地域フォーラム",)),
    Name("european-union", "European Union", REGIONAL_GROUP, abbreviations=("EU",),
         ja=("欧州連合",)),
    Name("pacific-islands-forum", "Pacific Islands Forum", REGIONAL_GROUP,
         abbreviations=("PIF",), ja=("太平洋諸島フォーラム",)),
    Name("united-nations", "United Nations", INTERNATIONAL_BODY, abbreviations=("UN",),
         ja=("国際連合", "国連")),
    Name("unoda", "United Nations Office for Disarmament Affairs", INTERNATIONAL_BODY,
         abbreviations=("UNODA",), en=("UN Office for Disarmament Affairs",),
         ja=("国連軍縮部", "国際連合軍縮部")),
    Name("unrcpd", "United Nations Regional Centre for Peace and Disarmament in Asia and "
         "the Pacific", INTERNATIONAL_BODY, abbreviations=("UNRCPD",),
         ja=("国連アジア太平洋平和軍縮センター",)),
    Name("unsc-1540-committee", "UN Security Council 1540 Committee", INTERNATIONAL_BODY,
         en=("1540 Committee",), ja=("1540委員会",)),
    Name("iaea", "International Atomic Energy Agency", INTERNATIONAL_BODY,
         abbreviations=("IAEA",), ja=("国際原子力機関",)),
    Name("opcw", "Organisation for the Prohibition of Chemical Weapons", INTERNATIONAL_BODY,
         abbreviations=("OPCW",), en=("Organization for the Prohibition of Chemical Weapons",),
         ja=("化学兵器禁止機関",)),
    Name("ctbto", "Preparatory Commission for the Comprehensive Nuclear-Test-Ban Treaty "
         "Organization", INTERNATIONAL_BODY, abbreviations=("CTBTO",),
         ja=("包括的核実験禁止条約機関準備委員会",)),
    Name("wco", "World Customs Organization", INTERNATIONAL_BODY, abbreviations=("WCO",),
         ja=("世界税関機構",)),
    Name("interpol", "International Criminal Police Organization", INTERNATIONAL_BODY,
         abbreviations=("INTERPOL", "ICPO"), ja=("国際刑事警察機構",)),
    Name("imo", "International Maritime Organization", INTERNATIONAL_BODY,
         abbreviations=("IMO",), ja=("国際海事機関",)),
    Name("icao", "International Civil Aviation Organization", INTERNATIONAL_BODY,
         abbreviations=("ICAO",), ja=("国際民間航空機関",)),
    Name("unodc", "United Nations Office on Drugs and Crime", INTERNATIONAL_BODY,
         abbreviations=("UNODC",), ja=("国連薬物・犯罪事務所",)),
    Name("unicri", "United Nations Interregional Crime and Justice Research Institute",
         INTERNATIONAL_BODY, abbreviations=("UNICRI",), ja=("国連地域間犯罪司法研究所",)),
    Name("oecd", "Organisation for Economic Co-operation and Development", INTERNATIONAL_BODY,
         abbreviations=("OECD",), ja=("経済協力開発機構",)),
    Name("nato", "North Atlantic Treaty Organization", INTERNATIONAL_BODY,
         abbreviations=("NATO",), ja=("北大西洋条約機構",)),
    Name("osce", "Organization for Security and Co-operation in Europe", INTERNATIONAL_BODY,
         abbreviations=("OSCE",), ja=("欧州安全保障協力機構",)),
    Name("apec", "Asia-Pacific Economic Cooperation", REGIONAL_GROUP, abbreviations=("APEC",),
         ja=("アジア太平洋経済協力",)),
    Name("african-union", "African Union", REGIONAL_GROUP, abbreviations=("AU",),
         ja=("アフリカ連合",)),
    Name("jaif", "Japan-ASEAN Integration Fund", INTERNATIONAL_BODY, abbreviations=("JAIF",),
         ja=("日ASEAN統合基金",)),
]  # fmt: skip

# Words after a group's name that name its members as a whole: "the ASEAN member states".
GROUP_MEMBERS_EN = (
    r"(?:member\s+(?:countries|states|nations)|countries|states|members|participants)"
)
GROUP_MEMBERS_JA = r"(?:加盟国|諸国|各国|メンバー国|\d{1,2}か国)"  # ASEAN10か国


@dataclass(frozen=True)
class SeriesName:
    slug: str
    name: str  # the English name the archive uses
    short_name: str  # the series' own abbreviation: the only source of a short name
    en: tuple[str, ...] = ()  # other English names, former ones included
    ja: tuple[str, ...] = ()


SERIES = [
    SeriesName(
        "astop",
        "Asian Senior-level Talks on Non-Proliferation",
        "ASTOP",
        # The ministry's English name from the thirteenth meeting (2017).
        en=("Asia Senior-Level Talks on Non-Proliferation",),
        ja=("アジア不拡散協議",),
    ),
    SeriesName(
        "arf-ism-npd",
        "ARF Inter-Sessional Meeting on Non-Proliferation and Disarmament",
        "",
        en=(
            "ARF ISM on NPD",
            "ASEAN Regional Forum Inter-Sessional Meeting on Non-Proliferation and Disarmament",
        ),
        ja=("ARF不拡散・軍縮会期間会合",),
    ),
    SeriesName(
        "asian-export-control-seminar",
        "Asian Export Control Seminar",
        "",
        ja=("アジア輸出管理セミナー",),
    ),
]

# Cities: the English name for each form a release uses.
CITIES = {
    "Tokyo": ("東京",),
    "Osaka": ("大阪",),
    "Kyoto": ("京都",),
    "Yokohama": ("横浜",),
    "Phnom Penh": ("プノンペン",),
    "Hanoi": ("ハノイ",),
    "Ho Chi Minh City": ("ホーチミン",),
    "Bangkok": ("バンコク",),
    "Jakarta": ("ジャカルタ",),
    "Bali": ("バリ",),
    "Kuala Lumpur": ("クアラルンプール",),
    "Manila": ("マニラ",),
    "Singapore": ("シンガポール",),
    "Vientiane": ("ビエンチャン",),
    "Yangon": ("ヤンゴン",),
    "Nay Pyi Taw": ("ネーピードー",),
    "Bandar Seri Begawan": ("バンダルスリブガワン",),
    "Dili": ("ディリ",),
    "Seoul": ("ソウル",),
    "Beijing": ("北京",),
    "Sydney": ("シドニー",),
    "Canberra": ("キャンベラ",),
    "Ottawa": ("オタワ",),
    "Washington, D.C.": ("ワシントン",),
    "New York": ("ニューヨーク",),
    "London": ("ロンドン",),
    "Paris": ("パリ",),
    "Vienna": ("ウィーン",),
    "Geneva": ("ジュネーブ",),
}

# Venues that name their city: (forms, English city).
VENUES_IN_TOKYO = (
    "Mita House",
    "Mita Kaigisho",
    "Mita Conference Hall",
    "Iikura Guest House",
    "Ministry of Foreign Affairs",
    "三田共用会議所",
    "飯倉公館",
    "外務省",
)

# Headings of observer lists grouped by region: "Asia: Mongolia, Bangladesh".
REGIONS = {
    "Asia": ("アジア",),
    "Middle East": ("中東",),
    "Europe": ("欧州", "ヨーロッパ"),
    "Africa": ("アフリカ",),
    "Latin America": ("中南米", "Latin America and the Caribbean"),
    "North America": ("北米",),
    "Oceania": ("大洋州", "Pacific"),
}
