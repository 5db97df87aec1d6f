package quotes

import (
	"slices"
	"testing"
)

// TestGuessName: a name the entity stage did not take, opening the clause
// of a verb of saying, is a candidate marked guess_name; words of the
// dictionary, names found and pronouns are not guessed.
func TestGuessName(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionaries")
	}
	for _, tc := range []struct {
		text, who string // who: the guessed candidate, or "" for none
	}{
		{"标题\n近期疫情严峻。\n曾怡硕说：“我们也是属于国防部的一个智库。”", "曾怡硕"},
		{"标题\n近期疫情严峻。\n曾祈殷说：“其他地方都做到大规模检测，为什么香港做不到？”", "曾祈殷"},
		{"标题\n当局指控四条罪名。\n张少波对本台说：“任志强案件开庭这一天，法院门口很安静。”", "张少波"},
		{"标题\n当局指控四条罪名。\n张少波在接受本台采访时表示：“任志强案件开庭这一天，法院门口很安静。”", "张少波"},
		{"标题\n这是事实。\n许多人提到，还没有机会到香港看现场：“等我再长大一点能自己赚钱买票的时候。”", ""},
		{"标题\n这是事实。\n文件中说：“我们不会接受这样的结果。”", ""},
		{"标题\n这是事实。\n张家人说：“我们不会接受这样的结果。”", ""},
		{"标题\n他们致信最高法院。\n信中称：“现在新疆已经恢复安全。”", ""},
		{"标题\n这是事实。\n但是她说：“这是完全可以接受的疫苗。”", ""},
		{"标题\n这是事实。\n林中斌也说，“这就是后来特朗普政府的做法。”", "林中斌"},
		{"标题\n这是事实。\n黄国桐也说，“这就是后来特朗普政府的做法。”", "黄国桐"},
		{"标题\n响应全球二十个城市的串连，向中共要求：“释放十二港人！”", ""},
		{"标题\n女孩克制住颤抖的语气，和房东说，“阿姨，您是真的不懂法还是知法犯法。”", ""},
		{"标题\n全球政要求中共：“停止迫害法轮功。”", ""},
		{"标题\n这是事实。\n华盛顿说：“我们不会接受这样的结果。”", ""},
		{"标题\n这是事实。\n那只能说：“我们不会接受这样的结果。”", ""},
		{"标题\n这是事实。\n衡水市称：“我们不会接受这样的结果。”", ""},
		{"标题\n“他们要求我们不告诉外人，”靳新江写道。“否则将严重影响我国的声誉。”", "靳新江"},
		{"标题\n政府一直说：“少扎堆、少聚集，勤洗手。”", ""},
		{"标题\n白宫说：“我们不会接受这样的结果。”", ""},
		{"标题\n文章说：“我们不会接受这样的结果。”", ""},
		{"标题\n王毅说：“我们不会接受这样的结果。”", ""},
		{"标题\n他说：“我们不会接受这样的结果。”", ""},
		{"标题\n据美联社报道，曾怡硕说：“我们也是属于国防部的一个智库。”", "曾怡硕"},
		{"标题\n美联社报道曾怡硕说：“我们也是属于国防部的一个智库。”", ""},
	} {
		t.Run(tc.text, func(t *testing.T) {
			var guessed []string
			for who, fs := range lastCands(t, tc.text) {
				if slices.Contains(fs, "guess_name") {
					guessed = append(guessed, who)
				}
			}
			switch {
			case tc.who == "" && len(guessed) > 0:
				t.Errorf("guessed %v", guessed)
			case tc.who != "" && !slices.Equal(guessed, []string{tc.who}):
				t.Errorf("guessed %v, want %s", guessed, tc.who)
			}
		})
	}
}
