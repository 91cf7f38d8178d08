/**
 * Real cities per locale, written as the locale writes them, with their region and a postcode pattern
 * (# a digit, ? an uppercase letter) that fits the city. Faker's own city lists are partly invented
 * ("Strosinville") or missing for some locales; these keep an address believable and consistent.
 */
export interface RealCity {
  city: string;
  region: string;
  postcode: string;
}

type Row = [city: string, region: string, postcode: string];

// prettier-ignore
const ROWS: Record<string, Row[]> = {
  'en-US': [
    ['New York', 'New York', '100##'], ['Los Angeles', 'California', '900##'], ['Chicago', 'Illinois', '606##'],
    ['Houston', 'Texas', '770##'], ['Phoenix', 'Arizona', '850##'], ['Philadelphia', 'Pennsylvania', '191##'],
    ['San Antonio', 'Texas', '782##'], ['San Diego', 'California', '921##'], ['Dallas', 'Texas', '752##'],
    ['Austin', 'Texas', '787##'], ['Seattle', 'Washington', '981##'], ['Denver', 'Colorado', '802##'],
    ['Boston', 'Massachusetts', '021##'], ['Atlanta', 'Georgia', '303##'], ['Miami', 'Florida', '331##'],
    ['Portland', 'Oregon', '972##'], ['Minneapolis', 'Minnesota', '554##'], ['Nashville', 'Tennessee', '372##'],
    ['Columbus', 'Ohio', '432##'], ['Charlotte', 'North Carolina', '282##'], ['San Francisco', 'California', '941##'],
    ['Detroit', 'Michigan', '482##'], ['Baltimore', 'Maryland', '212##'], ['Salt Lake City', 'Utah', '841##'],
  ],
  'en-GB': [
    ['London', 'England', 'SW# #??'], ['Manchester', 'England', 'M## #??'], ['Birmingham', 'England', 'B## #??'],
    ['Leeds', 'England', 'LS# #??'], ['Glasgow', 'Scotland', 'G## #??'], ['Edinburgh', 'Scotland', 'EH# #??'],
    ['Liverpool', 'England', 'L## #??'], ['Bristol', 'England', 'BS# #??'], ['Cardiff', 'Wales', 'CF## #??'],
    ['Belfast', 'Northern Ireland', 'BT# #??'], ['Sheffield', 'England', 'S## #??'], ['Nottingham', 'England', 'NG# #??'],
    ['Newcastle upon Tyne', 'England', 'NE# #??'], ['Brighton', 'England', 'BN# #??'], ['Oxford', 'England', 'OX# #??'],
  ],
  'en-CA': [
    ['Toronto', 'Ontario', 'M#? #?#'], ['Montreal', 'Quebec', 'H#? #?#'], ['Vancouver', 'British Columbia', 'V#? #?#'],
    ['Calgary', 'Alberta', 'T#? #?#'], ['Ottawa', 'Ontario', 'K#? #?#'], ['Edmonton', 'Alberta', 'T#? #?#'],
    ['Winnipeg', 'Manitoba', 'R#? #?#'], ['Halifax', 'Nova Scotia', 'B#? #?#'],
  ],
  'en-AU': [
    ['Sydney', 'New South Wales', '20##'], ['Melbourne', 'Victoria', '30##'], ['Brisbane', 'Queensland', '40##'],
    ['Perth', 'Western Australia', '60##'], ['Adelaide', 'South Australia', '50##'], ['Canberra', 'Australian Capital Territory', '26##'],
    ['Hobart', 'Tasmania', '70##'], ['Darwin', 'Northern Territory', '08##'],
  ],
  'en-IN': [
    ['Mumbai', 'Maharashtra', '400###'], ['Delhi', 'Delhi', '110###'], ['Bengaluru', 'Karnataka', '560###'],
    ['Hyderabad', 'Telangana', '500###'], ['Chennai', 'Tamil Nadu', '600###'], ['Kolkata', 'West Bengal', '700###'],
    ['Pune', 'Maharashtra', '411###'], ['Ahmedabad', 'Gujarat', '380###'],
  ],
  'de-DE': [
    ['Berlin', 'Berlin', '10###'], ['Hamburg', 'Hamburg', '20###'], ['München', 'Bayern', '80###'],
    ['Köln', 'Nordrhein-Westfalen', '50###'], ['Frankfurt am Main', 'Hessen', '60###'], ['Stuttgart', 'Baden-Württemberg', '70###'],
    ['Düsseldorf', 'Nordrhein-Westfalen', '40###'], ['Leipzig', 'Sachsen', '04###'], ['Dortmund', 'Nordrhein-Westfalen', '44###'],
    ['Essen', 'Nordrhein-Westfalen', '45###'], ['Bremen', 'Bremen', '28###'], ['Dresden', 'Sachsen', '01###'],
    ['Hannover', 'Niedersachsen', '30###'], ['Nürnberg', 'Bayern', '90###'], ['Bonn', 'Nordrhein-Westfalen', '53###'],
    ['Mannheim', 'Baden-Württemberg', '68###'], ['Karlsruhe', 'Baden-Württemberg', '76###'], ['Münster', 'Nordrhein-Westfalen', '48###'],
    ['Augsburg', 'Bayern', '86###'], ['Freiburg im Breisgau', 'Baden-Württemberg', '79###'], ['Kiel', 'Schleswig-Holstein', '24###'],
    ['Mainz', 'Rheinland-Pfalz', '55###'], ['Rostock', 'Mecklenburg-Vorpommern', '18###'], ['Erfurt', 'Thüringen', '99###'],
  ],
  'de-AT': [
    ['Wien', 'Wien', '1###'], ['Graz', 'Steiermark', '80##'], ['Linz', 'Oberösterreich', '40##'],
    ['Salzburg', 'Salzburg', '50##'], ['Innsbruck', 'Tirol', '60##'], ['Klagenfurt', 'Kärnten', '90##'],
  ],
  'de-CH': [
    ['Zürich', 'Zürich', '80##'], ['Bern', 'Bern', '30##'], ['Basel', 'Basel-Stadt', '40##'],
    ['Luzern', 'Luzern', '60##'], ['St. Gallen', 'St. Gallen', '90##'], ['Winterthur', 'Zürich', '84##'],
  ],
  'fr-FR': [
    ['Paris', 'Île-de-France', '750##'], ['Marseille', 'Provence-Alpes-Côte d’Azur', '130##'], ['Lyon', 'Auvergne-Rhône-Alpes', '690##'],
    ['Toulouse', 'Occitanie', '310##'], ['Nice', 'Provence-Alpes-Côte d’Azur', '060##'], ['Nantes', 'Pays de la Loire', '440##'],
    ['Strasbourg', 'Grand Est', '670##'], ['Montpellier', 'Occitanie', '340##'], ['Bordeaux', 'Nouvelle-Aquitaine', '330##'],
    ['Lille', 'Hauts-de-France', '590##'], ['Rennes', 'Bretagne', '350##'], ['Reims', 'Grand Est', '511##'],
    ['Grenoble', 'Auvergne-Rhône-Alpes', '380##'], ['Dijon', 'Bourgogne-Franche-Comté', '210##'], ['Angers', 'Pays de la Loire', '490##'],
    ['Tours', 'Centre-Val de Loire', '370##'], ['Rouen', 'Normandie', '760##'], ['Clermont-Ferrand', 'Auvergne-Rhône-Alpes', '630##'],
  ],
  'fr-CA': [
    ['Montréal', 'Québec', 'H#? #?#'], ['Québec', 'Québec', 'G#? #?#'], ['Laval', 'Québec', 'H#? #?#'],
    ['Gatineau', 'Québec', 'J#? #?#'], ['Sherbrooke', 'Québec', 'J#? #?#'],
  ],
  'es-ES': [
    ['Madrid', 'Comunidad de Madrid', '280##'], ['Barcelona', 'Cataluña', '080##'], ['Valencia', 'Comunidad Valenciana', '460##'],
    ['Sevilla', 'Andalucía', '410##'], ['Zaragoza', 'Aragón', '500##'], ['Málaga', 'Andalucía', '290##'],
    ['Bilbao', 'País Vasco', '480##'], ['Murcia', 'Región de Murcia', '300##'], ['Palma', 'Islas Baleares', '070##'],
    ['Valladolid', 'Castilla y León', '470##'], ['Granada', 'Andalucía', '180##'], ['Alicante', 'Comunidad Valenciana', '030##'],
  ],
  'es-MX': [
    ['Ciudad de México', 'Ciudad de México', '0####'], ['Guadalajara', 'Jalisco', '44###'], ['Monterrey', 'Nuevo León', '64###'],
    ['Puebla', 'Puebla', '72###'], ['Tijuana', 'Baja California', '22###'], ['Mérida', 'Yucatán', '97###'],
    ['Querétaro', 'Querétaro', '76###'], ['Cancún', 'Quintana Roo', '77###'],
  ],
  'it-IT': [
    ['Roma', 'Lazio', '001##'], ['Milano', 'Lombardia', '201##'], ['Napoli', 'Campania', '801##'],
    ['Torino', 'Piemonte', '101##'], ['Palermo', 'Sicilia', '901##'], ['Genova', 'Liguria', '161##'],
    ['Bologna', 'Emilia-Romagna', '401##'], ['Firenze', 'Toscana', '501##'], ['Bari', 'Puglia', '701##'],
    ['Venezia', 'Veneto', '301##'], ['Verona', 'Veneto', '371##'], ['Padova', 'Veneto', '351##'],
  ],
  'pt-PT': [
    ['Lisboa', 'Lisboa', '1###-###'], ['Porto', 'Porto', '4###-###'], ['Braga', 'Braga', '47##-###'],
    ['Coimbra', 'Coimbra', '30##-###'], ['Faro', 'Faro', '80##-###'], ['Aveiro', 'Aveiro', '38##-###'],
  ],
  'pt-BR': [
    ['São Paulo', 'SP', '0####-###'], ['Rio de Janeiro', 'RJ', '2####-###'], ['Belo Horizonte', 'MG', '3####-###'],
    ['Brasília', 'DF', '70###-###'], ['Salvador', 'BA', '4####-###'], ['Fortaleza', 'CE', '60###-###'],
    ['Curitiba', 'PR', '8####-###'], ['Recife', 'PE', '5####-###'], ['Porto Alegre', 'RS', '9####-###'],
    ['Manaus', 'AM', '69###-###'], ['Belém', 'PA', '66###-###'], ['Goiânia', 'GO', '74###-###'],
  ],
  'nl-NL': [
    ['Amsterdam', 'Noord-Holland', '10## ??'], ['Rotterdam', 'Zuid-Holland', '30## ??'], ['Den Haag', 'Zuid-Holland', '25## ??'],
    ['Utrecht', 'Utrecht', '35## ??'], ['Eindhoven', 'Noord-Brabant', '56## ??'], ['Groningen', 'Groningen', '97## ??'],
    ['Tilburg', 'Noord-Brabant', '50## ??'], ['Nijmegen', 'Gelderland', '65## ??'], ['Haarlem', 'Noord-Holland', '20## ??'],
  ],
  'pl-PL': [
    ['Warszawa', 'mazowieckie', '0#-###'], ['Kraków', 'małopolskie', '3#-###'], ['Łódź', 'łódzkie', '9#-###'],
    ['Wrocław', 'dolnośląskie', '5#-###'], ['Poznań', 'wielkopolskie', '6#-###'], ['Gdańsk', 'pomorskie', '80-###'],
    ['Szczecin', 'zachodniopomorskie', '70-###'], ['Lublin', 'lubelskie', '20-###'], ['Katowice', 'śląskie', '40-###'],
  ],
  'sv-SE': [
    ['Stockholm', 'Stockholms län', '1## ##'], ['Göteborg', 'Västra Götalands län', '4## ##'], ['Malmö', 'Skåne län', '2## ##'],
    ['Uppsala', 'Uppsala län', '75# ##'], ['Västerås', 'Västmanlands län', '72# ##'], ['Örebro', 'Örebro län', '70# ##'],
  ],
  'tr-TR': [
    ['İstanbul', 'İstanbul', '34###'], ['Ankara', 'Ankara', '06###'], ['İzmir', 'İzmir', '35###'],
    ['Bursa', 'Bursa', '16###'], ['Antalya', 'Antalya', '07###'], ['Konya', 'Konya', '42###'],
  ],
  'ru-RU': [
    ['Москва', 'Москва', '1#####'], ['Санкт-Петербург', 'Санкт-Петербург', '19####'], ['Новосибирск', 'Новосибирская область', '630###'],
    ['Екатеринбург', 'Свердловская область', '620###'], ['Казань', 'Республика Татарстан', '420###'], ['Нижний Новгород', 'Нижегородская область', '603###'],
    ['Челябинск', 'Челябинская область', '454###'], ['Самара', 'Самарская область', '443###'], ['Омск', 'Омская область', '644###'],
    ['Ростов-на-Дону', 'Ростовская область', '344###'], ['Уфа', 'Республика Башкортостан', '450###'], ['Красноярск', 'Красноярский край', '660###'],
    ['Воронеж', 'Воронежская область', '394###'], ['Пермь', 'Пермский край', '614###'], ['Волгоград', 'Волгоградская область', '400###'],
  ],
  'uk-UA': [
    ['Київ', 'Київ', '0####'], ['Харків', 'Харківська область', '61###'], ['Одеса', 'Одеська область', '65###'],
    ['Дніпро', 'Дніпропетровська область', '49###'], ['Львів', 'Львівська область', '79###'],
  ],
  'ja-JP': [
    ['東京都新宿区', '東京都', '160-####'], ['東京都渋谷区', '東京都', '150-####'], ['横浜市', '神奈川県', '2##-####'],
    ['大阪市', '大阪府', '5##-####'], ['名古屋市', '愛知県', '4##-####'], ['札幌市', '北海道', '0##-####'],
    ['福岡市', '福岡県', '81#-####'], ['神戸市', '兵庫県', '65#-####'], ['京都市', '京都府', '60#-####'],
    ['川崎市', '神奈川県', '21#-####'], ['さいたま市', '埼玉県', '33#-####'], ['広島市', '広島県', '73#-####'],
    ['仙台市', '宮城県', '98#-####'], ['千葉市', '千葉県', '26#-####'], ['北九州市', '福岡県', '80#-####'],
    ['静岡市', '静岡県', '42#-####'], ['岡山市', '岡山県', '70#-####'], ['熊本市', '熊本県', '86#-####'],
  ],
  'zh-CN': [
    ['北京', '北京市', '100###'], ['上海', '上海市', '200###'], ['广州', '广东省', '510###'],
    ['深圳', '广东省', '518###'], ['天津', '天津市', '300###'], ['重庆', '重庆市', '400###'],
    ['成都', '四川省', '610###'], ['杭州', '浙江省', '310###'], ['武汉', '湖北省', '430###'],
    ['西安', '陕西省', '710###'], ['南京', '江苏省', '210###'], ['苏州', '江苏省', '215###'],
    ['长沙', '湖南省', '410###'], ['郑州', '河南省', '450###'], ['青岛', '山东省', '266###'],
    ['沈阳', '辽宁省', '110###'], ['厦门', '福建省', '361###'], ['昆明', '云南省', '650###'],
  ],
  'zh-TW': [
    ['臺北市', '臺北市', '1##'], ['新北市', '新北市', '2##'], ['臺中市', '臺中市', '4##'],
    ['高雄市', '高雄市', '8##'], ['臺南市', '臺南市', '7##'], ['桃園市', '桃園市', '3##'],
  ],
  'ko-KR': [
    ['서울', '서울특별시', '0####'], ['부산', '부산광역시', '4####'], ['인천', '인천광역시', '2####'],
    ['대구', '대구광역시', '4####'], ['대전', '대전광역시', '3####'], ['광주', '광주광역시', '6####'],
    ['울산', '울산광역시', '4####'], ['수원', '경기도', '16###'], ['성남', '경기도', '13###'],
    ['고양', '경기도', '10###'], ['창원', '경상남도', '51###'], ['전주', '전라북도', '5####'],
  ],
  'ar-SA': [
    ['الرياض', 'منطقة الرياض', '1####'], ['جدة', 'منطقة مكة المكرمة', '2####'], ['مكة المكرمة', 'منطقة مكة المكرمة', '2####'],
    ['المدينة المنورة', 'منطقة المدينة المنورة', '4####'], ['الدمام', 'المنطقة الشرقية', '3####'], ['الخبر', 'المنطقة الشرقية', '3####'],
    ['الطائف', 'منطقة مكة المكرمة', '2####'], ['تبوك', 'منطقة تبوك', '4####'], ['أبها', 'منطقة عسير', '6####'],
  ],
  'ar-EG': [
    ['القاهرة', 'محافظة القاهرة', '11###'], ['الإسكندرية', 'محافظة الإسكندرية', '21###'], ['الجيزة', 'محافظة الجيزة', '12###'],
    ['بورسعيد', 'محافظة بورسعيد', '42###'], ['السويس', 'محافظة السويس', '43###'], ['المنصورة', 'محافظة الدقهلية', '35###'],
    ['طنطا', 'محافظة الغربية', '31###'], ['أسيوط', 'محافظة أسيوط', '71###'], ['الأقصر', 'محافظة الأقصر', '85###'],
  ],
  'ar-AE': [
    ['دبي', 'إمارة دبي', '#####'], ['أبوظبي', 'إمارة أبوظبي', '#####'], ['الشارقة', 'إمارة الشارقة', '#####'],
    ['العين', 'إمارة أبوظبي', '#####'], ['عجمان', 'إمارة عجمان', '#####'],
  ],
  'he-IL': [
    ['ירושלים', 'מחוז ירושלים', '9######'], ['תל אביב-יפו', 'מחוז תל אביב', '6######'], ['חיפה', 'מחוז חיפה', '3######'],
    ['באר שבע', 'מחוז הדרום', '8######'], ['נתניה', 'מחוז המרכז', '42#####'],
  ],
  'hi-IN': [
    ['मुंबई', 'महाराष्ट्र', '400###'], ['दिल्ली', 'दिल्ली', '110###'], ['बेंगलुरु', 'कर्नाटक', '560###'],
    ['जयपुर', 'राजस्थान', '302###'], ['लखनऊ', 'उत्तर प्रदेश', '226###'], ['पुणे', 'महाराष्ट्र', '411###'],
  ],
};

export const REAL_CITIES: Readonly<Record<string, readonly RealCity[]>> = Object.fromEntries(
  Object.entries(ROWS).map(([locale, rows]) => [
    locale,
    rows.map(([city, region, postcode]) => ({ city, region, postcode })),
  ]),
);
