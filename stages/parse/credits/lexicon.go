package credits

import "strings"

// role says which list a credited name goes to.
type role uint8

const (
	roleReporter role = 1 << iota
	roleEditor
)

// A label is a word that introduces names in a credit line ("责任编辑：李寰宇",
// "编译 蔡美珍/张明钧", "中央社記者陳至中台北26日電"). A label with no role
// introduces a source ("来源：", "图片提供："): its names are not credits,
// but it ends the names of the label before it.
type label struct {
	text string
	role role
	// byline labels (记者, 特派员 …) may follow an outlet or a title written
	// without a separator ("自由亚洲电台特约记者孙诚") and may be followed by
	// the name with no separator at all.
	byline bool
	// noSep labels may be followed by the name with no separator
	// ("责编许书婷"); the others need one ("翻译：", "编译 ", "文/"), because
	// without it they are ordinary words ("作者认为", "整理好").
	noSep bool
	// photo labels credit a picture; in the body of a post only these are read.
	photo bool
}

// labels are tried longest first (see labelCandidates), so that "责任编辑"
// wins over "编辑" and "编译/审校" over "编译".
var labels = []label{
	// Editors.
	{text: "责任编辑", role: roleEditor, noSep: true},
	{text: "責任編輯", role: roleEditor, noSep: true},
	{text: "值班编辑", role: roleEditor, noSep: true},
	{text: "本期编辑", role: roleEditor},
	{text: "本期編輯", role: roleEditor},
	{text: "本文编辑", role: roleEditor},
	{text: "本文編輯", role: roleEditor},
	{text: "值班編輯", role: roleEditor, noSep: true},
	{text: "编辑", role: roleEditor, noSep: true},
	{text: "編輯", role: roleEditor, noSep: true},
	{text: "责编", role: roleEditor, noSep: true},
	{text: "責編", role: roleEditor, noSep: true},
	{text: "网编", role: roleEditor, noSep: true},
	{text: "網編", role: roleEditor, noSep: true},
	{text: "核稿", role: roleEditor, noSep: true},
	{text: "审校", role: roleEditor, noSep: true},
	{text: "審校", role: roleEditor, noSep: true},
	{text: "校对", role: roleEditor},
	{text: "校對", role: roleEditor},
	{text: "主编", role: roleEditor},
	{text: "主編", role: roleEditor},
	{text: "审核", role: roleEditor},
	{text: "審核", role: roleEditor},

	// Reporters, by line.
	{text: "记者", role: roleReporter, byline: true, noSep: true},
	{text: "記者", role: roleReporter, byline: true, noSep: true},
	{text: "特派员", role: roleReporter, byline: true, noSep: true},
	{text: "特派員", role: roleReporter, byline: true, noSep: true},
	{text: "通讯员", role: roleReporter, byline: true, noSep: true},
	{text: "通訊員", role: roleReporter, byline: true, noSep: true},
	{text: "评论员", role: roleReporter, byline: true},
	{text: "評論員", role: roleReporter, byline: true},
	{text: "撰稿人", role: roleReporter, byline: true},

	// Writers, translators, photographers.
	{text: "文字整理", role: roleReporter},
	{text: "整理", role: roleReporter},
	{text: "实习编译", role: roleReporter},
	{text: "實習編譯", role: roleReporter},
	{text: "编译/审校", role: roleReporter | roleEditor},
	{text: "編譯/審校", role: roleReporter | roleEditor},
	{text: "编译", role: roleReporter},
	{text: "編譯", role: roleReporter},
	{text: "翻译", role: roleReporter},
	{text: "翻譯", role: roleReporter},
	{text: "译者", role: roleReporter},
	{text: "譯者", role: roleReporter},
	{text: "撰稿", role: roleReporter},
	{text: "撰文", role: roleReporter},
	{text: "原作者", role: roleReporter},
	{text: "作者", role: roleReporter},
	{text: "采访", role: roleReporter},
	{text: "採訪", role: roleReporter},
	{text: "发稿", role: roleReporter},
	{text: "發稿", role: roleReporter},
	{text: "采写", role: roleReporter},
	{text: "採寫", role: roleReporter},
	{text: "实习生", role: roleReporter, byline: true, noSep: true},
	{text: "實習生", role: roleReporter, byline: true, noSep: true},
	{text: "编写", role: roleReporter},
	{text: "編寫", role: roleReporter},
	{text: "剪辑", role: roleReporter, photo: true},
	{text: "剪輯", role: roleReporter, photo: true},
	{text: "排版", role: roleEditor},
	{text: "美编", role: roleEditor},
	{text: "美編", role: roleEditor},
	{text: "影音", role: roleReporter, photo: true},
	{text: "视频", role: roleReporter, photo: true},
	{text: "視頻", role: roleReporter, photo: true},
	{text: "視訊", role: roleReporter, photo: true},

	// Sources, not credits: the names after them are dropped, but they end
	// the names of the label before them ("攝影：裴禛／圖片提供：…").
	{text: "图片提供", noSep: true},
	{text: "圖片提供", noSep: true},
	{text: "图片来源", noSep: true},
	{text: "圖片來源", noSep: true},
	{text: "资料来源", noSep: true},
	{text: "資料來源", noSep: true},
	{text: "消息来源", noSep: true},
	{text: "消息來源", noSep: true},
	{text: "来源", noSep: true},
	{text: "來源", noSep: true},
	{text: "出处", noSep: true},
	{text: "出處", noSep: true},
	{text: "原文", noSep: true},
	{text: "授权", noSep: true},
	{text: "授權", noSep: true},
	{text: "提供", noSep: true},
	{text: "出品", noSep: true},
	{text: "化妆", noSep: true},
	{text: "化妝", noSep: true},
	{text: "造型", noSep: true},
	{text: "场地", noSep: true},
	{text: "場地", noSep: true},
	{text: "鸣谢", noSep: true},
	{text: "鳴謝", noSep: true},
	{text: "设计", noSep: true},
	{text: "設計", noSep: true},
	{text: "策划", noSep: true},
	{text: "策劃", noSep: true},
	{text: "统筹", noSep: true},
	{text: "統籌", noSep: true},
	{text: "监制", noSep: true},
	{text: "監製", noSep: true},
	{text: "摄影", role: roleReporter, photo: true},
	{text: "攝影", role: roleReporter, photo: true},
	{text: "拍摄", role: roleReporter, photo: true},
	{text: "拍攝", role: roleReporter, photo: true},
	{text: "图片", role: roleReporter, photo: true},
	{text: "圖片", role: roleReporter, photo: true},
	{text: "文图", role: roleReporter, photo: true},
	{text: "文圖", role: roleReporter, photo: true},
	{text: "图文", role: roleReporter, photo: true},
	{text: "圖文", role: roleReporter, photo: true},
	{text: "摄", role: roleReporter, photo: true},
	{text: "攝", role: roleReporter, photo: true},
	{text: "图", role: roleReporter, photo: true},
	{text: "圖", role: roleReporter, photo: true},
	{text: "文", role: roleReporter},
	{text: "译", role: roleReporter},
	{text: "譯", role: roleReporter},
}

// notAfterLabel are runes that, right after a label word, show that the word
// is used in a sentence rather than as a label: 记者会, 编辑部, 作者认为 ….
const notAfterLabel = "部注按室组組会會的们們邮郵说說表称稱问問站团團群局处處长長认認指也还還就都则則曾已将將在对對向和与與及是为為被把从從于於又再并並透发發看到以等后後前中上下者手证證圈界工节節队隊简簡协協名证讯訊招所"

// reportSuffixes end the name part of a byline: "陳至中台北26日電",
// "徐简综合报导", "孙诚旧金山、北京连线报道", "李宗翰摄". They are removed
// repeatedly from the end; afterwards a trailing place is cut off too.
var reportSuffixes = []string{
	"专电", "專電", "报导", "報導", "报道", "報道", "综合", "綜合", "采访", "採訪",
	"连线", "連線", "编译", "編譯", "外电", "外電", "摘编", "摘編", "摘译", "摘譯",
	"整理", "拍摄", "拍攝", "摄影", "攝影", "摄", "攝", "传真", "傳真", "采写", "採寫",
	"撰文", "撰稿",
}

// cutMarkers end the name part wherever they appear: what follows is not a
// name ("楚良一发自东京", "莫雨对本文也有贡献", "许菁 发表时间 …").
var cutMarkers = newMarkers(
	"发自", "發自", "对本文", "對本文", "对此文", "對此文", "对本报道", "對本報導",
	"對本報道", "的报道", "的報導", "的报导", "亦有贡献", "也有贡献", "亦有貢獻",
	"发表时间", "發表時間", "更新时间", "更新時間", "来自", "來自",
)

// outlets are names of news organisations. They are never returned as names
// and are stripped from the front of photo credits ("美国之音钟辰芳拍摄").
var outlets = []string{
	"香港大纪元", "台湾大纪元", "大纪元", "自由亚洲", "自由亞洲", "中央社網站", "中央社网站", "大紀元", "新唐人", "中央社", "中央通讯社", "中央通訊社",
	"路透社", "路透", "美联社", "美聯社", "法新社", "共同社", "德新社", "韩联社", "韓聯社",
	"新华社", "新華社", "中新社", "欧新社", "歐新社", "美国之音", "美國之音", "自由亚洲电台",
	"自由亞洲電台", "德国之声中文网", "德国之声", "德國之聲", "法广", "法廣", "法国国际广播电台",
	"BBC中文网", "BBC中文", "英国广播公司", "纽约时报中文网", "纽约时报", "紐約時報", "联合早报",
	"聯合早報", "早报", "维权网", "維權網", "中国数字时代", "端传媒", "端傳媒", "金融时报",
	"FT中文网", "达志影像", "達志影像", "本台", "本网", "本網", "本报", "本報", "本刊", "本社",
	"泡泡", "中广", "中廣", "央广", "央廣", "新京报", "南方周末", "财新", "財新", "BBC", "RFA", "VOA", "RFI",
	"DW", "CNA",
}

// socialWords are the platforms a picture is taken from; a slash credit
// naming one credits the account that posted it, not a photographer
// ("©YANG HENGJUN/TWITTER", "©Dickson Yeo/Facebook").
var socialWords = []string{"twitter", "facebook", "instagram", "weibo", "wechat", "youtube", "linkedin", "tiktok", "telegram", "推特", "脸书", "臉書", "微博", "微信", "抖音"}

// titlePrefixes are titles written before a name in a credit
// ("作者：作家赵瑜").
var titlePrefixes = []string{"实习记者", "實習記者", "作家", "诗人", "詩人", "律师", "律師", "学者", "學者", "教授", "博士", "记者", "記者", "编辑", "編輯", "实习生", "實習生", "特约", "特約"}

// agencyWords are the Latin words of picture agencies and of the words
// around them in a slash credit ("Francois Walschaerts/Pool via REUTERS",
// "STR/AFP via Getty Images"); a name never contains one.
var agencyWords = []string{
	"Reuters", "AFP", "Getty", "Images", "EPA", "EFE", "EPA-EFE", "Pool", "via", "BBC", "AP",
	"Associated", "Press", "Bloomberg", "Xinhua", "Kyodo", "Yonhap", "DPA", "NurPhoto",
	"SOPA", "LightRocket", "Imaginechina", "Handout", "File", "Photo", "Photos", "Shutterstock",
	"Alamy", "Anadolu", "AAP", "ANP", "RFA", "VOA", "CNA", "Photoshot", "Alliance", "News",
	"Agency", "Press", "Wire", "Service", "Staff", "Courtesy", "Instagram", "Twitter", "Facebook",
	"Weibo", "WeChat", "YouTube", "Google", "Wikipedia", "Wikimedia", "Commons", "Flickr",
	"Reporters", "Solent", "Keystone", "Sipa", "ABACA", "Abaca", "TASS", "Sputnik", "Kremlin",
	"Chinese", "China", "Times", "Post", "Daily", "Journal", "Agence", "France", "Presse",
	"CC", "BY", "SA", "NC", "ND", "Republic", "Kingdom", "Government", "Ministry", "Department",
	"University", "Institute", "Museum", "Library", "Archives", "Foundation", "Commission",
	"Council", "Embassy", "Office", "Stringer", "Arabia", "United", "States", "Nations", "Union",
	"European", "America", "Press", "Agency", "Handout", "Courtesy", "Source", "Screenshot",
	"Navy", "Army", "Marine", "Marines", "NASA", "Military", "Media", "Sports", "Historical",
	"Corbis", "Technologies", "Watch", "Rights", "Human",
}

// hanAgencies are the Han names of picture agencies and outlets that appear
// in slash credits ("路透社/Jason Lee", "攝：陳焯煇/端傳媒").
var hanAgencies = []string{
	"路透", "美联", "美聯", "法新", "欧新", "歐新", "达志", "達志", "中央社", "美国之音",
	"美國之音", "端传媒", "端傳媒", "新华", "新華", "共同社", "韩联", "韓聯", "泡泡", "大纪元",
	"大紀元", "自由亚洲", "自由亞洲", "德新社", "盖蒂", "蓋蒂", "视觉中国", "視覺中國",
}

// isAgency reports whether a component of a slash credit names an agency.
func isAgency(s string) bool {
	if containsAny(s, hanAgencies) {
		return true
	}
	for w := range strings.SplitSeq(strings.ReplaceAll(s, "-", " "), " ") {
		if w != "" && isOneOf(w, agencyWords) {
			return true
		}
	}
	return false
}

// stopNames look like names but are not: pronouns, placeholders, roles.
var stopNames = []string{
	"null", "nil", "none", "STR", "Staff", "Photo", "Photos", "Image", "Images", "File",
	"Handout", "Pool", "Getty", "Reuters", "REUTERS", "AFP", "EPA", "Xinhua", "Instagram",
	"Twitter", "Facebook", "Youtube", "YouTube", "Google", "Weibo", "Permalink", "Video",
	"Anonymous", "Wiki", "Wikipedia", "GreatFire", "Admin", "Administrator", "Editor", "Guest",
	"我们", "我們", "他们", "他們", "大家", "本人", "网友", "網友", "网民", "網民", "读者",
	"讀者", "作者", "译者", "譯者", "笔者", "筆者", "自己", "编者", "編者", "未知", "不详",
	"不詳", "佚名", "匿名", "官方", "其他", "其它", "综合", "綜合", "外电", "外電", "记者",
	"記者", "编辑", "編輯", "责编", "責編", "摘编", "摘編", "编译", "編譯", "翻译", "翻譯",
	"报道", "報導", "报导", "報道", "资料", "資料", "资料照", "資料照", "资料照片", "資料照片",
	"档案照片", "檔案照片", "截图", "截圖", "视频截图", "視頻截圖", "网络", "網絡", "网路",
	"網路", "当事人", "當事人", "受访者", "受訪者", "紧急关注", "緊急關注", "投诉", "投訴",
	"投诉人", "通报", "通報", "声明", "聲明", "公告", "快讯", "快訊", "呼吁", "呼籲", "简讯",
	"簡訊", "专访", "專訪", "评论", "評論", "社论", "社論", "观点", "觀點", "独家", "獨家",
	"焦点", "焦點", "热点", "熱點", "特写", "特寫", "完", "全文", "原文", "链接", "鏈接",
	"图片", "圖片", "照片", "视频", "視頻", "影片", "新闻", "新聞", "更新", "提供", "中文",
	"左圖", "右圖", "上圖", "下圖", "中圖", "左图", "右图", "上图", "下图", "中图", "圖為", "图为",
}

// orgEndings mark the end of an organisation's or a place's name; a Han
// token of three or more runes that ends with one is not a person
// ("新京报", "极昼工作室", "财商经济研究所"). 国 and 军 are absent on
// purpose: many given names end with them (李建国, 王建军).
var orgEndings = []string{
	"网", "網", "社", "报", "報", "台", "臺", "刊", "部", "组", "組", "团队", "團隊", "中心",
	"所", "院", "大学", "大學", "公司", "集团", "集團", "媒体", "媒體", "新闻", "新聞", "电视",
	"電視", "处", "處", "局", "会", "會", "馆", "館", "室", "站", "号", "號", "厅", "廳", "署",
	"办", "辦", "团", "團", "府", "省", "市", "县", "縣", "州", "区", "區", "党", "黨", "版",
	"频道", "頻道", "平台", "机构", "機構", "协会", "協會", "基金", "网站", "網站", "官网",
	"官網", "影像", "图库", "圖庫", "工作室", "编辑部", "編輯部", "栏目", "欄目", "节目", "節目",
}

// orgParts are substrings that no personal name contains.
var orgParts = []string{
	"新闻", "新聞", "编辑", "編輯", "记者", "記者", "报道", "報導", "报导", "報道", "综合",
	"綜合", "提供", "资料", "資料", "图片", "圖片", "照片", "截图", "截圖", "来源", "來源",
	"网络", "網絡", "中文", "工作室", "团队", "團隊", "小组", "小組", "制作", "製作", "翻译",
	"翻譯", "评论", "評論", "外电", "外電", "新华", "新華", "央视", "央視", "公众号", "公眾號",
	"微信", "微博", "推特", "脸书", "臉書", "版权", "版權", "本台", "本网", "本報", "本报",
	"电台", "電台", "时报", "時報", "日报", "日報", "周刊", "週刊", "杂志", "雜誌", "大学",
	"大學", "政府", "委员", "委員", "组织", "組織", "协会", "協會", "中央", "国际", "國際",
	"频道", "頻道", "直播", "节目", "節目", "专栏", "專欄", "通讯", "通訊", "媒体", "媒體",
	"研究", "教授", "主任", "主席", "部长", "部長", "总统", "總統", "发言", "發言", "声明",
	"聲明", "文章", "本文", "全文", "原题", "原題", "标题", "標題", "链接", "鏈接", "点击",
	"點擊", "订阅", "訂閱", "关注", "關注", "视频", "視頻", "影片", "画面", "畫面", "录音",
	"錄音", "采访", "採訪", "拍摄", "拍攝", "摄影", "攝影", "以上", "以下", "如下", "本站",
	"制作组", "製作組", "我们", "我們", "他们", "他們", "之声", "之聲", "亚洲", "亞洲",
	"中国", "中國", "美国", "美國", "台湾", "臺灣", "台灣", "香港", "大陆", "大陸",
	"联系", "聯繫", "百科", "维基", "維基", "统筹", "統籌", "网站", "網站", "截屏", "官网", "官網", "视觉", "視覺",
	"图库", "圖庫", "社长", "社長", "主编", "主編", "总编", "總編", "院长", "院長", "所长", "所長",
	"作家", "代表", "栏目", "欄目", "媒", "的", "排版", "编写", "編寫", "剪辑", "剪輯",
}

// places are the places that datelines and bylines name right after the
// reporter ("陳至中台北26日電", "蔡凌巴黎报导"); a name list ending in one of
// them loses it. Taiwan's counties and cities also match with 縣/县/市.
var places = []string{
	// Taiwan.
	"台北", "臺北", "新北", "桃園", "桃园", "台中", "臺中", "台南", "臺南", "高雄", "基隆", "新竹",
	"苗栗", "彰化", "南投", "雲林", "云林", "嘉義", "嘉义", "屏東", "屏东", "宜蘭", "宜兰", "花蓮",
	"花莲", "台東", "臺東", "台东", "澎湖", "金門", "金门", "馬祖", "马祖", "連江", "连江", "台灣",
	"臺灣", "台湾", "綠島", "蘭嶼", "墾丁", "台", // "夏小华台报导"
	// China, Hong Kong, Macau.
	"北京", "上海", "天津", "重庆", "重慶", "广州", "廣州", "深圳", "武汉", "武漢", "成都", "杭州",
	"南京", "西安", "长沙", "長沙", "沈阳", "瀋陽", "大连", "大連", "青岛", "青島", "厦门", "廈門",
	"福州", "郑州", "鄭州", "济南", "濟南", "合肥", "昆明", "南宁", "南寧", "贵阳", "貴陽", "兰州",
	"蘭州", "乌鲁木齐", "烏魯木齊", "拉萨", "拉薩", "哈尔滨", "哈爾濱", "长春", "長春", "石家庄",
	"石家莊", "太原", "呼和浩特", "银川", "銀川", "西宁", "西寧", "海口", "三亚", "三亞", "苏州",
	"蘇州", "无锡", "無錫", "宁波", "寧波", "温州", "溫州", "东莞", "東莞", "珠海", "汕头", "汕頭",
	"香港", "澳门", "澳門", "新疆", "西藏", "内蒙古", "內蒙古", "河北", "河南", "山东", "山東",
	"山西", "湖北", "湖南", "广东", "廣東", "广西", "廣西", "福建", "浙江", "江苏", "江蘇", "安徽",
	"江西", "四川", "云南", "雲南", "贵州", "貴州", "陕西", "陝西", "甘肃", "甘肅", "辽宁", "遼寧",
	"吉林", "黑龙江", "黑龍江", "海南", "大陆", "大陸", "中国", "中國", "深港", "九龍", "九龙",
	// Americas.
	"华盛顿", "華盛頓", "纽约", "紐約", "洛杉矶", "洛杉磯", "旧金山", "舊金山", "三藩市", "芝加哥",
	"休斯顿", "休斯敦", "休士頓", "波士顿", "波士頓", "西雅图", "西雅圖", "费城", "費城",
	"亚特兰大", "亞特蘭大", "迈阿密", "邁阿密", "硅谷", "矽谷", "底特律", "丹佛", "达拉斯",
	"達拉斯", "奥斯汀", "奧斯汀", "圣地亚哥", "聖地牙哥", "檀香山", "拉斯维加斯", "拉斯維加斯",
	"多伦多", "多倫多", "温哥华", "溫哥華", "渥太华", "渥太華", "蒙特利尔", "蒙特婁", "墨西哥城",
	"圣保罗", "聖保羅", "里约热内卢", "布宜诺斯艾利斯", "布宜諾斯艾利斯", "利马", "利馬",
	"波哥大", "加拉加斯", "卡拉卡斯", "哈瓦那", "圣何塞", "聖荷西", "威明顿", "威明頓",
	"威尔明顿", "纽约联合国总部", "联合国", "聯合國", "白宫", "白宮", "美国", "美國", "加州",
	"德州", "马里兰", "馬里蘭", "维吉尼亚", "維吉尼亞", "弗吉尼亚",
	// Europe.
	"伦敦", "倫敦", "巴黎", "柏林", "布鲁塞尔", "布魯塞爾", "日内瓦", "日內瓦", "维也纳", "維也納",
	"罗马", "羅馬", "马德里", "馬德里", "莫斯科", "基辅", "基輔", "华沙", "華沙", "布拉格",
	"斯德哥尔摩", "斯德哥爾摩", "哥本哈根", "奥斯陆", "奧斯陸", "赫尔辛基", "赫爾辛基", "海牙",
	"阿姆斯特丹", "法兰克福", "法蘭克福", "慕尼黑", "汉堡", "漢堡", "科隆", "波恩", "苏黎世",
	"蘇黎世", "伯尔尼", "伯恩", "里斯本", "都柏林", "爱丁堡", "愛丁堡", "雅典", "布达佩斯",
	"布達佩斯", "维尔纽斯", "維爾紐斯", "明斯克", "米兰", "米蘭", "梵蒂冈", "梵蒂岡", "斯特拉斯堡",
	"史特拉斯堡", "卢森堡", "盧森堡", "伊斯坦布尔", "伊斯坦堡", "安卡拉", "巴塞罗那", "巴塞隆納",
	"德国", "德國", "法国", "法國", "英国", "英國", "欧洲", "歐洲",
	// Asia, Oceania, Africa, Middle East.
	"东京", "東京", "大阪", "京都", "沖繩", "冲绳", "首尔", "首爾", "平壤", "曼谷", "河内", "河內",
	"胡志明市", "新加坡", "吉隆坡", "雅加达", "雅加達", "马尼拉", "馬尼拉", "金边", "金邊", "仰光",
	"新德里", "孟买", "孟買", "加尔各答", "班加罗尔", "伊斯兰堡", "伊斯蘭堡", "卡拉奇", "达卡",
	"達卡", "加德满都", "加德滿都", "乌兰巴托", "烏蘭巴托", "悉尼", "雪梨", "墨尔本", "墨爾本",
	"坎培拉", "堪培拉", "布里斯班", "珀斯", "伯斯", "奥克兰", "奧克蘭", "惠灵顿", "威靈頓",
	"耶路撒冷", "特拉维夫", "特拉維夫", "德黑兰", "德黑蘭", "开罗", "開羅", "约翰内斯堡",
	"約翰尼斯堡", "迪拜", "杜拜", "多哈", "杜哈", "利雅德", "利雅得", "贝鲁特", "貝魯特",
	"巴格达", "巴格達", "喀布尔", "喀布爾", "内罗毕", "奈洛比", "日本", "韩国", "韓國", "印度",
	"澳洲", "雅典娜",
}

// hasSuffixAny reports the longest element of list that s ends with.
func hasSuffixAny(s string, list []string) string {
	best := ""
	for _, w := range list {
		if len(w) > len(best) && strings.HasSuffix(s, w) {
			best = w
		}
	}
	return best
}

// hasPrefixAny reports the longest element of list that s starts with.
func hasPrefixAny(s string, list []string) string {
	best := ""
	for _, w := range list {
		if len(w) > len(best) && strings.HasPrefix(s, w) {
			best = w
		}
	}
	return best
}

// containsAny reports whether s contains an element of list.
func containsAny(s string, list []string) bool {
	for _, w := range list {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// isOneOf reports whether s equals an element of list, ignoring case for
// Latin letters.
func isOneOf(s string, list []string) bool {
	for _, w := range list {
		if len(w) == len(s) && strings.EqualFold(w, s) {
			return true
		}
	}
	return false
}

// placeSuffix reports the place that s ends with (with an optional 縣, 县 or
// 市 after it), or "".
func placeSuffix(s string) string {
	for _, adm := range [...]string{"縣", "县", "市", ""} {
		t, ok := strings.CutSuffix(s, adm)
		if !ok {
			continue
		}
		if p := hasSuffixAny(t, places); p != "" {
			return s[len(t)-len(p):]
		}
	}
	return ""
}
