#!/usr/bin/env python3
"""Regenerate 27-huge.md, the multi-megabyte sample post of testdata/posts.

Produces:
  27-huge.md  a ~3 MB 中国数字时代-style post: front matter, epoch comment,
              title link, then (as the news bots write it) the whole HTML body
              on ONE line of about 3 MB: 4,000 numbered press-conference Q&A
              items (two <p> each, 8,000 paragraphs) assembled from the few
              dozen sentences below, a ~160 KB base64 data URI (a long run
              of ASCII without spaces) and a ~200 KB English appendix
              without any Han character.

Run from anywhere: python3 testdata/posts/gen_huge.py
All text is invented test prose; a fixed seed makes the output byte-for-byte
reproducible (written with Python 3.11; random.Random(int) with choice, sample,
randrange and getrandbits gives the same sequence across Python 3 releases).
The checked-in file is the reference: its sha256 is listed in INDEX.txt.
"""
import base64
import datetime
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
N_PARAGRAPHS = 4000

SPOKESPEOPLE = ["赵立坚", "华春莹", "汪文斌", "耿爽"]

REPORTERS = [
    "路透社记者", "法新社记者", "彭博社记者", "《环球时报》记者", "美联社记者",
    "日本广播协会记者", "凤凰卫视记者", "总台央视记者", "《华尔街日报》记者",
    "BBC记者", "新华社记者", "《南华早报》记者",
]

QUESTIONS = [
    "美国国务卿蓬佩奥日前称中国是“当今时代的核心威胁”，中方对此有何回应？",
    "据《纽约时报》报道，美方正考虑对部分中共党员及其家属实施旅行限制，中方是否掌握相关情况？",
    "台湾地区领导人蔡英文昨天表示台湾“不会屈服于压力”，外交部有何评论？",
    "香港特区政府宣布推迟立法会选举，英国外交大臣拉布对此表示“深切关注”，中方如何看待？",
    "澳大利亚总理莫里森再次呼吁对病毒溯源展开独立调查，中方是否会配合？",
    "印度方面称中印边境加勒万河谷再次发生对峙，请问发言人能否证实？",
    "欧盟外交与安全政策高级代表博雷利表示欧中关系“需要再平衡”，中方对此有何看法？",
    "世界卫生组织总干事谭德塞表示专家组将赴华开展溯源合作，能否介绍具体安排？",
    "日本防卫大臣河野太郎称中方在钓鱼岛附近海域的活动“不可接受”，中方有何回应？",
    "加拿大总理特鲁多就孟晚舟案再次发表评论，中方对此有何回应？",
    "美国国会众议院通过涉疆法案，要求对相关中国官员实施制裁，外交部有何评论？",
    "有报道称美国海军两艘航母在南海举行联合演习，中方如何看待？",
    "德国总理默克尔表示欧洲需要在对华问题上“用一个声音说话”，中方对此有何评论？",
    "美国司法部起诉两名中国公民涉嫌窃取新冠疫苗研究数据，中方有何回应？",
]

ANSWERS = [
    "{sp}说：“我们敦促美方摒弃冷战思维和零和博弈的陈旧观念，停止对中国的无端指责。”",
    "“这种说法完全是无中生有，”{sp}表示，“美方一些政客为了一己私利，不惜损害中美两国人民的利益。”",
    "{sp}指出，台湾是中国领土不可分割的一部分，中方坚决反对美台官方往来。",
    "“香港事务纯属中国内政，任何外国无权干涉，”{sp}说。",
    "{sp}表示，中方一贯主张溯源是科学问题，应该由科学家在全球范围内开展合作研究。",
    "{sp}回应说：“中方始终致力于维护边境地区的和平与安宁，责任完全不在中方。”",
    "“我们希望欧方同中方相向而行，把握中欧关系的正确方向，”{sp}说。",
    "{sp}说，中方愿同世卫组织保持密切沟通，具体安排将适时发布。",
    "“钓鱼岛及其附属岛屿是中国固有领土，中国海警船在本国领海巡航执法是正当合法的，”{sp}表示。",
    "{sp}再次敦促加方立即释放孟晚舟女士，并称这是“一起严重的政治事件”。",
    "{sp}说：“所谓涉疆问题根本不是什么人权、民族、宗教问题，而是反暴恐和反分裂问题。”",
    "“有关国家频繁派遣军舰到南海耀武扬威，这才是南海军事化的真正推手，”{sp}说。",
    "{sp}表示，中方注意到有关报道，中德两国作为全面战略伙伴，应当相互尊重、求同存异。",
    "“美方的指控毫无事实依据，中方坚决反对美方对中国进行污蔑抹黑，”{sp}说。",
    "{sp}强调，中方将采取一切必要措施，坚决维护国家主权、安全和发展利益。",
    "{sp}说，美方所谓“新疆种族灭绝”的说法是“世纪谎言”，中方对此嗤之以鼻。",
]

NARRATIVE = [
    "记者会持续约一个小时，共有{n}名中外记者提问。",
    "据<a href=\"https://chinadigitaltimes.net/chinese/tag/testdata\">中国数字时代</a>统计，当周记者会上“冷战思维”一词共出现{n}次。",
    "当天的问答在微博上引发讨论，有网友留言说：“又是熟悉的‘坚决反对’。”",
    "外交部网站发布的文字实录中删去了其中{n}个问题。",
    "美国国务院发言人奥塔格斯随后在推特上回应称，北京的说法“与事实不符”。",
    "《人民日报》海外版次日在头版转载了发言人的部分答问。",
    "有外国记者指出，当天发言人多次使用“所谓”一词来形容美方的表态。",
    "新华社当晚发表评论，称美方一些人“正在把中美关系推向危险的境地”。",
]

ENGLISH = [
    "At the briefing on {d}, the spokesperson was asked about remarks by Mike Pompeo, the American secretary of state.",
    "\u201cWe urge the US side to abandon its Cold War mentality,\u201d the spokesperson said, repeating a phrase used {n} times that month.",
    "Reporters from Reuters, AFP and Bloomberg asked {n} questions about Hong Kong, Taiwan and Xinjiang.",
    "The official transcript, published later on the ministry's website, omitted part of the exchange.",
    "Diplomats in Beijing said the tone had hardened since the spring, when the consulates in Houston and Chengdu were closed.",
    "Asked about Canada, the spokesperson again called for the release of Meng Wanzhou and described the case as a political incident.",
    "The Global Times, a tabloid, ran the answers on its front page under the headline \u201cNo more patience\u201d.",
    "Analysts at the Brookings Institution counted {n} uses of the word \u201cso-called\u201d in a single week.",
    "In Taipei, the foreign ministry said it would not comment on \u201cthe usual rhetoric\u201d from Beijing.",
    "Wang Yi, the foreign minister, later told his German counterpart, Heiko Maas, that Europe should \u201cmake the right choice\u201d.",
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]  # not strftime: locale-free


def dates():
    d = datetime.date(2020, 1, 2)
    while True:
        if d.weekday() < 5:
            yield d
        d += datetime.timedelta(days=1)


def build_body(rng):
    parts = []
    month = None
    gen = dates()
    day = next(gen)
    for i in range(N_PARAGRAPHS):
        if i % 3 == 0:
            day = next(gen)
            if day.year > 2020:  # wrap around to keep the dates in 2020
                gen = dates()
                day = next(gen)
        if day.month != month:
            month = day.month
            parts.append("<h2>2020年{}月</h2>".format(month))
        sp = rng.choice(SPOKESPEOPLE)
        head = "{}年{}月{}日，外交部发言人{}主持例行记者会。".format(day.year, day.month, day.day, sp)
        q = "{}问：{}".format(rng.choice(REPORTERS), rng.choice(QUESTIONS))
        answers = [a.format(sp=sp) for a in rng.sample(ANSWERS, rng.randrange(3, 6))]
        extra = ""
        if rng.randrange(4) == 0:
            extra = rng.choice(NARRATIVE).format(n=rng.randrange(2, 40))
        parts.append("<p>（第{}条）{}{}</p><p>答：{}{}</p>".format(i + 1, head, q, "".join(answers), extra))
        if i == N_PARAGRAPHS // 3:
            # A long run of ASCII: an inline image as a base64 data URI.
            blob = bytes(rng.getrandbits(8) for _ in range(120000))
            parts.append('<p><img alt="" src="data:image/jpeg;base64,{}"/></p>'.format(
                base64.b64encode(blob).decode("ascii")))
        if i == 2 * N_PARAGRAPHS // 3:
            # A ~200 KB run without any Han character.
            eng = ['<h2>Appendix: English summary</h2>']
            size = 0
            k = 0
            while size < 200000:
                k += 1
                d = datetime.date(2020, 1, 1) + datetime.timedelta(days=k % 366)
                s = "<p>({}) {}</p>".format(k, " ".join(
                    rng.choice(ENGLISH).format(d="{} {}, {}".format(MONTHS[d.month - 1], d.day, d.year), n=rng.randrange(2, 60))
                    for _ in range(rng.randrange(2, 5))))
                eng.append(s)
                size += len(s.encode("utf-8"))
            parts.append("".join(eng))
    parts.append("<p>（中国数字时代整理，责任编辑：林清远）</p>")
    return "".join(parts)


def main():
    rng = random.Random(27)
    title = "【立此存照】外交部例行记者会问答实录汇编（2020年全年）"
    url = "https://chinadigitaltimes.net/chinese/2020/12/999027-testdata/"
    head = (
        "---\n"
        "layout: post\n"
        'title: "{t}"\n'
        "date: 2020-12-31T10:00:00.000Z\n"
        "author: 中国数字时代\n"
        "from: {u}\n"
        "tags: [ 中国数字时代 ]\n"
        "categories: [ 中国数字时代 ]\n"
        "---\n"
        "<!--1609408800000-->\n"
        "[{t}]({u})\n"
        "------\n"
        "\n"
        "<div>\n"
    ).format(t=title, u=url)
    text = head + build_body(rng) + "\n</div>\n"
    data = text.encode("utf-8")
    with open(os.path.join(HERE, "27-huge.md"), "wb") as f:
        f.write(data)
    print("27-huge.md: {} bytes".format(len(data)))


if __name__ == "__main__":
    main()
