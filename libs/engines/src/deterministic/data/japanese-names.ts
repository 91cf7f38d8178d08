/**
 * Common Japanese family and given names with their Hepburn romanisation. Kanji have no single reading
 * (any-ascii reads 佐藤 as Chinese "ZuoTeng"), so a Latin form of a generated name needs the reading.
 */
// prettier-ignore
export const JAPANESE_FAMILY_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['佐藤', 'Sato'], ['鈴木', 'Suzuki'], ['高橋', 'Takahashi'], ['田中', 'Tanaka'], ['伊藤', 'Ito'], ['渡辺', 'Watanabe'],
  ['山本', 'Yamamoto'], ['中村', 'Nakamura'], ['小林', 'Kobayashi'], ['加藤', 'Kato'], ['吉田', 'Yoshida'], ['山田', 'Yamada'],
  ['佐々木', 'Sasaki'], ['山口', 'Yamaguchi'], ['松本', 'Matsumoto'], ['井上', 'Inoue'], ['木村', 'Kimura'], ['林', 'Hayashi'],
  ['斎藤', 'Saito'], ['清水', 'Shimizu'], ['山崎', 'Yamazaki'], ['森', 'Mori'], ['池田', 'Ikeda'], ['橋本', 'Hashimoto'],
  ['阿部', 'Abe'], ['石川', 'Ishikawa'], ['山下', 'Yamashita'], ['中島', 'Nakajima'], ['石井', 'Ishii'], ['小川', 'Ogawa'],
  ['前田', 'Maeda'], ['岡田', 'Okada'], ['長谷川', 'Hasegawa'], ['藤田', 'Fujita'], ['後藤', 'Goto'], ['近藤', 'Kondo'],
  ['村上', 'Murakami'], ['遠藤', 'Endo'], ['青木', 'Aoki'], ['坂本', 'Sakamoto'], ['斉藤', 'Saito'], ['福田', 'Fukuda'],
  ['太田', 'Ota'], ['西村', 'Nishimura'], ['藤井', 'Fujii'], ['金子', 'Kaneko'], ['岡本', 'Okamoto'], ['藤原', 'Fujiwara'],
];
// prettier-ignore
export const JAPANESE_FEMALE_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['花子', 'Hanako'], ['美咲', 'Misaki'], ['由美', 'Yumi'], ['陽菜', 'Hina'], ['結衣', 'Yui'], ['さくら', 'Sakura'],
  ['愛', 'Ai'], ['真由美', 'Mayumi'], ['恵', 'Megumi'], ['明美', 'Akemi'], ['優子', 'Yuko'], ['彩', 'Aya'],
  ['美穂', 'Miho'], ['香織', 'Kaori'], ['直子', 'Naoko'], ['智子', 'Tomoko'], ['裕子', 'Yuko'], ['千尋', 'Chihiro'],
  ['菜々子', 'Nanako'], ['葵', 'Aoi'], ['美月', 'Mizuki'], ['舞', 'Mai'], ['麻衣', 'Mai'], ['沙織', 'Saori'],
  ['久美子', 'Kumiko'], ['京子', 'Kyoko'], ['遥', 'Haruka'], ['凛', 'Rin'], ['杏', 'An'], ['理恵', 'Rie'],
];
// prettier-ignore
export const JAPANESE_MALE_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['直樹', 'Naoki'], ['拓也', 'Takuya'], ['浩二', 'Koji'], ['大輔', 'Daisuke'], ['翔太', 'Shota'], ['健太', 'Kenta'],
  ['誠', 'Makoto'], ['隆', 'Takashi'], ['博', 'Hiroshi'], ['和也', 'Kazuya'], ['翔', 'Sho'], ['蓮', 'Ren'],
  ['悠真', 'Yuma'], ['陽翔', 'Haruto'], ['大樹', 'Daiki'], ['健一', 'Kenichi'], ['哲也', 'Tetsuya'], ['剛', 'Tsuyoshi'],
  ['亮', 'Ryo'], ['修', 'Osamu'], ['秀樹', 'Hideki'], ['雄一', 'Yuichi'], ['達也', 'Tatsuya'], ['康介', 'Kosuke'],
  ['俊介', 'Shunsuke'], ['正人', 'Masato'], ['裕太', 'Yuta'], ['圭', 'Kei'], ['学', 'Manabu'], ['光', 'Hikaru'],
];
