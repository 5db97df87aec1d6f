package credits

import (
	"slices"
	"testing"
	"time"
)

// The lines below are written for these tests in the style of each outlet;
// the names are invented.

var pub = time.Date(2020, 11, 26, 2, 58, 0, 0, time.UTC)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// body is filler text between the head and the tail of a post.
var body = []string{
	"市场人士指出，今年以来相关行业的需求持续增加，但供应链仍面临不确定性。",
	"多位分析师表示，政策走向将影响下半年的经济表现，投资者应保持谨慎。",
	"当地官员说，有关部门正在评估后续措施，并将适时公布结果。",
	"有业内人士认为，这一趋势短期内不会改变。",
	"报告还提到，部分地区的情况与去年同期相比有所改善。",
	"此外，多家机构也发布了类似的预测。",
	"相关讨论预计将持续到明年。",
	"专家建议，民众应关注官方发布的最新信息。",
	"目前尚不清楚具体细节。",
	"他表示，各方仍在沟通之中。",
}

// post builds paragraphs: head lines, ten lines of body, tail lines.
func post(head []string, tail ...string) []string {
	ps := slices.Clone(head)
	ps = append(ps, body...)
	return append(ps, tail...)
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		in   Input
		want Result
	}{
		// 大纪元: dateline in 【】, byline in （）, editor with '#'.
		{
			name: "epochtimes dateline byline editor",
			in: Input{Outlet: "大纪元", Published: pub, Paragraphs: post(
				[]string{"【大纪元2022年07月21日讯】（大纪元记者王明远综合报导）美国官员周三表示，将继续关注局势发展。"},
				"责任编辑：李秋华#")},
			want: Result{Dateline: "大纪元2022年07月21日讯", Date: day(2022, 7, 21), Reporters: []string{"王明远"}, Editors: []string{"李秋华"}},
		},
		{
			name: "epochtimes two reporters place interview",
			in: Input{Outlet: "大纪元", Paragraphs: post(
				[]string{"【大纪元2021年01月19日讯】（香港大纪元记者陈思静、周立采访报导）香港多个团体周二举行记者会。"},
				"文字整理：叶青；责任编辑：高文 #")},
			want: Result{Dateline: "大纪元2021年01月19日讯", Date: day(2021, 1, 19), Reporters: []string{"陈思静", "周立", "叶青"}, Editors: []string{"高文"}},
		},
		{
			name: "epochtimes byline place",
			in: Input{Outlet: "大纪元", Paragraphs: post(
				[]string{"【大纪元2020年10月24日讯】（大纪元记者钟山台北报导）立法院今天审查预算。"},
				"撰文：郑小燕、财经研究所", "责任编辑：林琳＃")},
			want: Result{Dateline: "大纪元2020年10月24日讯", Place: "台北", Date: day(2020, 10, 24), Reporters: []string{"钟山", "郑小燕"}, Editors: []string{"林琳"}},
		},
		// 中央社: wire dateline with the reporter inside, editor at the end.
		{
			name: "cna byline editor",
			in: Input{Outlet: "(臺)中央社CNA", Published: pub, Paragraphs: post(
				[]string{"教育部今天公布統計數字。（中央社檔案照片）", "（中央社記者陳大文台北26日電）教育部今天公布最新統計。"},
				"教育部表示，將持續檢討相關措施。（編輯：林小美）1091126", "延伸閱讀", "獲取更多資訊")},
			want: Result{Dateline: "中央社記者陳大文台北26日電", Place: "台北", Date: day(2020, 11, 26), Reporters: []string{"陳大文"}, Editors: []string{"林小美"}},
		},
		{
			name: "cna two reporters two editors",
			in: Input{Outlet: "(臺)中央社CNA", Published: pub, Paragraphs: post(
				[]string{"（中央社記者陳偉明、吳欣怡台北13日電）立法院今天三讀通過修正案。"},
				"相關規定將於明年施行。（編輯：林克文/謝佳玲）1091113")},
			want: Result{Dateline: "中央社記者陳偉明、吳欣怡台北13日電", Place: "台北", Date: day(2020, 11, 13), Reporters: []string{"陳偉明", "吳欣怡"}, Editors: []string{"林克文", "謝佳玲"}},
		},
		{
			name: "cna special correspondent",
			in: Input{Outlet: "(臺)中央社CNA", Published: pub, Paragraphs: post(
				[]string{"（中央社記者廖志明首爾14日專電）南韓政府今天宣布新措施。"},
				"（編輯：黃文強）")},
			want: Result{Dateline: "中央社記者廖志明首爾14日專電", Place: "首爾", Date: day(2020, 11, 14), Reporters: []string{"廖志明"}, Editors: []string{"黃文強"}},
		},
		{
			name: "cna foreign wire translator",
			in: Input{Outlet: "(臺)中央社CNA", Published: pub, Paragraphs: post(
				[]string{"（中央社華盛頓8日綜合外電報導）美國國會今天通過法案。"},
				"白宮尚未回應。（譯者：張三豐/核稿：李四維）1091108")},
			want: Result{Dateline: "中央社華盛頓8日綜合外電報導", Place: "華盛頓", Date: day(2020, 11, 8), Reporters: []string{"張三豐"}, Editors: []string{"李四維"}},
		},
		{
			name: "cna caption photographer",
			in: Input{Outlet: "(臺)中央社CNA", Published: pub, Paragraphs: post(
				[]string{"（中央社台北8日電）行政院今天開會。", "行政院長今天主持會議。中央社記者謝大同攝 109年11月8日"},
				"（編輯：郭文理）")},
			want: Result{Dateline: "中央社台北8日電", Place: "台北", Date: day(2020, 11, 8), Reporters: []string{"謝大同"}, Editors: []string{"郭文理"}},
		},
		// 路透: dash dateline, slash lists of translators and editors, photo credits.
		{
			name: "reuters dateline credits photos",
			in: Input{Outlet: "路透", Published: time.Date(2020, 9, 7, 4, 0, 0, 0, time.UTC), Paragraphs: post(
				[]string{
					"路透北京/香港9月5日 - 一家科技公司正在重新评估其海外业务。",
					"资料图片：2020年7月，北京，一家公司的办公楼。REUTERS/Jane Doe",
				},
				"2020年7月19日，比利时布鲁塞尔，欧盟领导人出席峰会。Peter Roe/Pool via REUTERS",
				"该公司未立即回应置评请求。(完)",
				"编译 王一鸣/张二强 审校 张二强/赵四海",
				"我们的标准：汤森路透“信任原则”")},
			want: Result{
				Dateline: "路透北京/香港9月5日", Place: "北京", Date: day(2020, 9, 5),
				Reporters: []string{"Jane Doe", "Peter Roe", "王一鸣", "张二强"},
				Editors:   []string{"张二强", "赵四海"},
			},
		},
		{
			name: "reuters filer and shared roles",
			in: Input{Outlet: "路透", Paragraphs: post(
				[]string{"（路透北京21日电）中国央行周一维持贷款市场报价利率不变。", "作者 许青青"},
				"发稿 张晓明；审校 张喜乐", "记者 梁小仪; 审校 林高明", "编译/审校 汪红梅/蔡美丽")},
			want: Result{
				Dateline: "路透北京21日电", Place: "北京",
				Reporters: []string{"许青青", "张晓明", "梁小仪", "汪红梅", "蔡美丽"},
				Editors:   []string{"张喜乐", "林高明", "汪红梅", "蔡美丽"},
			},
		},
		// 自由亚洲电台: credits at the end, names separated by spaces.
		{
			name: "rfa byline editors",
			in: Input{Outlet: "自由亚洲电台", Paragraphs: post(
				[]string{"旧金山多个团体周五举行集会。", "集会者手持标语。（孙明远拍摄）Photo: RFA"},
				"自由亚洲电台特约记者孙明远旧金山报道 责编：嘉文 网编：洪亮")},
			want: Result{Place: "旧金山", Reporters: []string{"孙明远"}, Editors: []string{"嘉文", "洪亮"}},
		},
		{
			name: "rfa spaced lists",
			in: Input{Outlet: "自由亚洲电台", Paragraphs: post(
				[]string{"立法院周二审查预算。", "立法委员在会上发言。(记者 黄小梅摄)Photo: RFA"},
				"自由亚洲电台记者 夏大华 台北报导 责编 许小婷 胡大汉 网编 瑞文")},
			want: Result{Place: "台北", Reporters: []string{"黄小梅", "夏大华"}, Editors: []string{"许小婷", "胡大汉", "瑞文"}},
		},
		{
			name: "rfa colon lists and bracket",
			in: Input{Outlet: "自由亚洲电台", Paragraphs: post(
				[]string{"美国国会周三举行听证会。"},
				"（记者：王小允；编辑：申华）网编：郭大度")},
			want: Result{Reporters: []string{"王小允"}, Editors: []string{"申华", "郭大度"}},
		},
		{
			name: "rfa reporter label",
			in: Input{Outlet: "自由亚洲电台", Paragraphs: post(
				[]string{"中国外交部周一回应。"},
				"记者：陈小洁 吕小熙 责编：申华 网编：洪亮")},
			want: Result{Reporters: []string{"陈小洁", "吕小熙"}, Editors: []string{"申华", "洪亮"}},
		},
		// 美国之音: photo credits in captions, contributions.
		{
			name: "voa photo and contribution",
			in: Input{Outlet: "美国之音", Paragraphs: post(
				[]string{"Thu, 10 Sep 2020 19:49:36 GMT", "前官员在研讨会上发言(美国之音张永明拍摄)"},
				"（美国之音驻国务院记者张小湘对此文有贡献）", "美国之音记者莫小雨、吉米对本文也有贡献。")},
			want: Result{Reporters: []string{"张永明", "张小湘", "莫小雨", "吉米"}},
		},
		{
			name: "voa video report",
			in: Input{Outlet: "美国之音", Paragraphs: post(
				[]string{"佐治亚州周五开始重新计票，下面请看美国之音白宫记者黄大毅的报道。"})},
			want: Result{Reporters: []string{"黄大毅"}},
		},
		// BBC: the byline is a name line over a role line.
		{
			name: "bbc byline and photo",
			in: Input{Outlet: "BBC", Paragraphs: post(
				[]string{"一部纪录片的幕后故事", "大卫·史密斯（David Smith）", "BBC媒体事务记者", "©Getty Images"},
				"山区的村庄。 ©Jane Doe/BBC")},
			want: Result{Reporters: []string{"大卫·史密斯", "Jane Doe"}},
		},
		{
			name: "bbc chinese reporter",
			in:   Input{Outlet: "BBC", Paragraphs: post([]string{"香港立法会的新变化", "李小文", "BBC中文记者"})},
			want: Result{Reporters: []string{"李小文"}},
		},
		// 德国之声: author over the timestamp, signature at the end.
		{
			name: "dw header and signature",
			in: Input{Outlet: "德国之声", Paragraphs: post(
				[]string{"李小鱼 综合报导", "2020-11-14T10:29:04.675Z", "(德国之声中文网) 德国政府周五宣布新的防疫措施。"},
				"李明川/洪小山 （德新社、法新社）",
				"© 2020年德国之声版权声明：本文所有内容受到著作权法保护。")},
			want: Result{Dateline: "德国之声中文网", Reporters: []string{"李小鱼", "李明川", "洪小山"}},
		},
		{
			name: "dw latin and null prefix",
			in: Input{Outlet: "德国之声", Paragraphs: post(
				[]string{"null 张小慈", "2020-10-24T11:34:52.716Z", "（德国之声中文网）台湾一份报告指出。"},
				"张小慈（摘编）")},
			want: Result{Dateline: "德国之声中文网", Reporters: []string{"张小慈"}},
		},
		{
			name: "dw latin author",
			in:   Input{Outlet: "德国之声", Paragraphs: post([]string{"Anna Weber", "2020-07-25T12:29:36.816Z", "研究人员周四发表报告。"})},
			want: Result{Reporters: []string{"Anna Weber"}},
		},
		// 纽约时报: byline over the timestamp, bios and translators at the end.
		{
			name: "nyt byline bio translators",
			in: Input{Outlet: "纽约时报", Paragraphs: post(
				[]string{"JOHN SMITH,JOHN SMITH", "2020-10-29 16:14:38", "一位钢琴家在纽约的故事。"},
				"John Smith是城市版面记者，自2000年加入时报。",
				"王建国(Paul Wang)是科技记者，主要报道亚洲科技新闻。",
				"Mary Lee对本文有研究贡献。",
				"翻译：杜小然、Jing Ma、Yizi",
				"点击查看本文英文版。")},
			want: Result{Reporters: []string{"John Smith", "王建国", "Mary Lee", "杜小然", "Jing Ma", "Yizi"}},
		},
		{
			name: "nyt house translation",
			in: Input{Outlet: "纽约时报", Paragraphs: post(
				[]string{"《纽约时报》", "2020-07-31 19:10:59"},
				"Julian E. Barnes是驻华盛顿国家安全记者。", "Yumi Park自首尔、Anna Lee自香港报道。Amy Chang Chien自台北对本文有报道贡献。", "翻译：纽约时报中文网")},
			want: Result{Reporters: []string{"Julian E. Barnes", "Yumi Park", "Anna Lee", "Amy Chang Chien"}},
		},
		// 中国数字时代: poster signature, author lines of reposts, picture lines.
		{
			name: "cdt signature and reposts",
			in: Input{Outlet: "中国数字时代", Paragraphs: post(
				[]string{"作者：张小明", "编辑：陈小卓"},
				"图 / Asa Tester",
				"© 大号测试 for 中国数字时代, get_post_time('Y'). |Permalink |No comment",
				"Post tags: 人权",
				"Feed enhanced by Better Feed from Ozh")},
			want: Result{Reporters: []string{"张小明", "Asa Tester", "大号测试"}, Editors: []string{"陈小卓"}},
		},
		{
			name: "cdt pipe labels",
			in:   Input{Outlet: "中国数字时代", Paragraphs: post([]string{"撰文丨荆小雨 编辑丨糖小槭 出品丨某某新闻工作室", "文/王小二"})},
			want: Result{Reporters: []string{"荆小雨", "王小二"}, Editors: []string{"糖小槭"}},
		},
		// 维权网: commentator line, title author, dated author line.
		{
			name: "weiquan commentator",
			in:   Input{Outlet: "维权网", Paragraphs: post([]string{"特约评论员：鲍小山", "据维权网报道，某案已秘密开庭。"}, "2020年9月24日")},
			want: Result{Reporters: []string{"鲍小山"}},
		},
		{
			name: "weiquan title author",
			in:   Input{Outlet: "维权网", Title: "许小艳：我的丈夫仍未获释", Paragraphs: post([]string{"作者：吴小水 2020-7-29", "今天是第三次会见申请。"})},
			want: Result{Reporters: []string{"许小艳", "吴小水"}},
		},
		{
			name: "weiquan reporter bracket",
			in:   Input{Outlet: "维权网", Paragraphs: post([]string{"（维权网记者李小楚报道）2020年10月15日，本网获悉以下情况："})},
			want: Result{Reporters: []string{"李小楚"}},
		},
		{
			name: "weiquan info centre has no reporter",
			in:   Input{Outlet: "维权网", Paragraphs: post([]string{"（维权网信息中心报道）2020年10月15日，本网获悉以下情况："})},
			want: Result{},
		},
		// 法广: AFP dateline, translators, correspondents.
		{
			name: "rfi afp translators",
			in: Input{Outlet: "法广", Published: time.Date(2020, 10, 24, 10, 0, 0, 0, time.UTC), Paragraphs: post(
				[]string{"24/10/2020 - 10:20", "（法新社洛杉矶24日电） 美国一些选民改变立场。"},
				"选情仍然胶着。（译者：张小雯/核稿：陈小伟）", "© 2020 AFP")},
			want: Result{Dateline: "法新社洛杉矶24日电", Place: "洛杉矶", Date: day(2020, 10, 24), Reporters: []string{"张小雯"}, Editors: []string{"陈小伟"}},
		},
		{
			name: "rfi correspondent and intern",
			in: Input{Outlet: "法广", Paragraphs: post(
				[]string{"作者 王小明 发表时间 2021-01-05"},
				"日本政府将研究相关问题。（法广特约记者楚小一发自东京）",
				"共和党人仍坚定支持。（实习编译：洪小真/核稿：张小芊）")},
			want: Result{Place: "东京", Reporters: []string{"王小明", "楚小一", "洪小真"}, Editors: []string{"张小芊"}},
		},
		// Other outlets and caption conventions.
		{
			name: "zaobao photo",
			in:   Input{Outlet: "联合早报", Paragraphs: post([]string{"候选人今日声明放弃学位。（庄小良摄）"})},
			want: Result{Reporters: []string{"庄小良"}},
		},
		{
			name: "getty caption in the body",
			in: Input{Outlet: "大纪元", Paragraphs: post(
				[]string{"【大纪元2020年10月15日讯】总统候选人辩论会周四登场。"},
				"总统离开白宫前往田纳西。（Jane Roe/Getty Images)",
				"示威者聚集在广场。(STR/AFP via Getty Images)",
				"责任编辑：孙小芸#")},
			want: Result{Dateline: "大纪元2020年10月15日讯", Date: day(2020, 10, 15), Reporters: []string{"Jane Roe"}, Editors: []string{"孙小芸"}},
		},
		{
			name: "ft translator and editor email",
			in: Input{Outlet: "金融时报", Paragraphs: post(nil,
				"（本文仅代表作者本人观点，责编：闫小曼 man.yan@ftchinese.com)", "译者/何小黎")},
			want: Result{Reporters: []string{"何小黎"}, Editors: []string{"闫小曼"}},
		},
		{
			name: "initium photo line",
			in:   Input{Outlet: "端傳媒", Paragraphs: post([]string{"中環。攝：陳小煇/端傳媒"})},
			want: Result{Reporters: []string{"陳小煇"}},
		},
		// Lines that look like credits but are not.
		{
			name: "interview turns are not credits",
			in: Input{Outlet: "自由亚洲电台", Paragraphs: post(
				[]string{"记者：您怎么看这件事？", "嘉宾：这很难说。"},
				"记者：好的", "记者：没事。")},
			want: Result{},
		},
		{
			name: "sentences about reporters",
			in: Input{Outlet: "大纪元", Paragraphs: post(
				[]string{"记者发现，受影响的住户仍在等待。", "作者认为这一判断有误。"},
				"来源：新京报", "（视频截图/乔龙提供）", "记者会上，发言人拒绝回答。")},
			want: Result{},
		},
		{
			name: "agency alone is no photographer",
			in:   Input{Outlet: "BBC", Paragraphs: post([]string{"外长举行会谈。 ©EPA/Reuters", "©Getty Images"}, "议员在推特发文。 ©Jane Doe/Twitter")},
			want: Result{},
		},
		{
			name: "wikimedia licence is not a name",
			in:   Input{Outlet: "(臺)中央社CNA", Paragraphs: post([]string{"三星總部大樓。（圖取自維基共享資源；作者：Republic of Korea，CC BY-SA 2.0）"})},
			want: Result{},
		},
		// Dates.
		{
			name: "day before the new year",
			in: Input{Outlet: "(臺)中央社CNA", Published: time.Date(2021, 1, 1, 1, 0, 0, 0, time.UTC), Paragraphs: post(
				[]string{"（中央社記者林大同台北31日電）跨年活動今晚舉行。"})},
			want: Result{Dateline: "中央社記者林大同台北31日電", Place: "台北", Date: day(2020, 12, 31), Reporters: []string{"林大同"}},
		},
		{
			name: "day without publication date",
			in:   Input{Outlet: "(臺)中央社CNA", Paragraphs: post([]string{"（中央社台北31日電）跨年活動今晚舉行。"})},
			want: Result{Dateline: "中央社台北31日電", Place: "台北"},
		},
		{
			name: "month and day",
			in: Input{Outlet: "路透", Published: time.Date(2021, 1, 2, 1, 0, 0, 0, time.UTC), Paragraphs: post(
				[]string{"路透华盛顿12月30日 - 美国国会周三通过法案。"})},
			want: Result{Dateline: "路透华盛顿12月30日", Place: "华盛顿", Date: day(2020, 12, 30)},
		},
		{
			name: "empty",
			in:   Input{},
			want: Result{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Extract(tt.in)
			if got.Dateline != tt.want.Dateline || got.Place != tt.want.Place || !got.Date.Equal(tt.want.Date) {
				t.Errorf("dateline = %q, place %q, date %v; want %q, %q, %v",
					got.Dateline, got.Place, got.Date.Format(time.DateOnly), tt.want.Dateline, tt.want.Place, tt.want.Date.Format(time.DateOnly))
			}
			if !slices.Equal(got.Reporters, tt.want.Reporters) {
				t.Errorf("reporters = %q, want %q", got.Reporters, tt.want.Reporters)
			}
			if !slices.Equal(got.Editors, tt.want.Editors) {
				t.Errorf("editors = %q, want %q", got.Editors, tt.want.Editors)
			}
		})
	}
}

func TestValidName(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"王明", true},
		{"大卫·史密斯", true},
		{"Julian E. Barnes", true},
		{"Matthias von Hein", true},
		{"Yizi", true},
		{"JOHN SMITH", true},
		{"ARD", false},
		{"STR", false},
		{"新京报", false},
		{"综合报导", false},
		{"台北", false},
		{"纽约时报中文网", false},
		{"王明2020", false},
		{"王 明", false},
		{"Getty Images", false},
		{"一个很长的不像名字的句子", false},
	}
	for _, tt := range tests {
		if got := validName(tt.s, nameOpts{}); got != tt.want {
			t.Errorf("validName(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestResolveDate(t *testing.T) {
	p := time.Date(2020, 3, 1, 3, 0, 0, 0, time.UTC)
	tests := []struct {
		s    string
		pub  time.Time
		want time.Time
	}{
		{"大纪元2020年02月30日讯", p, time.Time{}}, // no such day
		{"大纪元2020年02月29日讯", p, day(2020, 2, 29)},
		{"路透2月28日", p, day(2020, 2, 28)},
		{"中央社1日電", p, day(2020, 3, 1)},
		{"中央社2日電", p, day(2020, 3, 2)}, // local time is ahead of UTC
		{"中央社30日電", p, day(2020, 1, 30)},
		{"中央社30日電", time.Time{}, time.Time{}},
		{"no date", p, time.Time{}},
	}
	for _, tt := range tests {
		if got := resolveDate(tt.s, tt.pub); !got.Equal(tt.want) {
			t.Errorf("resolveDate(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	// A long post: the cost must not grow with the body beyond a scan of
	// each paragraph's tail.
	ps := []string{"【大纪元2022年07月21日讯】（大纪元记者王明远综合报导）美国官员周三表示，将继续关注局势发展。"}
	for len(ps) < 5000 {
		ps = append(ps, body...)
		ps = append(ps, "示威者聚集在广场。（Jane Roe/Getty Images)")
	}
	ps = append(ps, "责任编辑：李秋华#")
	in := Input{Outlet: "大纪元", Paragraphs: ps, Published: pub}
	size := 0
	for _, p := range ps {
		size += len(p)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		Extract(in)
	}
}
