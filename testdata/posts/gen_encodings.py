#!/usr/bin/env python3
"""Regenerate the legacy-encoding sample posts of testdata/posts.

Produces:
  22-gbk.md   simplified-Chinese post encoded in GB18030 (only GBK characters,
              so it is also valid GBK); not valid UTF-8.
  23-big5.md  traditional-Chinese post encoded in Big5; not valid UTF-8.

Run from anywhere: python3 testdata/posts/gen_encodings.py
The text is invented test prose; the output is byte-for-byte reproducible.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

GBK_POST = """---
layout: post
title: "王毅出席习近平外交思想研讨会 称中美关系面临建交以来最严峻挑战"
date: 2020-07-20T03:05:24.000Z
author: 新华社
from: http://www.xinhuanet.com/politics/2020-07/20/c_9990022.htm
tags: [ 新华社 ]
categories: [ news, 新华社 ]
---
<!--1595214324000-->
[王毅出席习近平外交思想研讨会 称中美关系面临建交以来最严峻挑战](http://www.xinhuanet.com/politics/2020-07/20/c_9990022.htm)
------

<div>
<p>新华社北京7月20日电（记者刘亦然）国务委员兼外交部长王毅20日在北京出席研讨会并发表讲话。</p><p>王毅表示：“当前中美关系面临建交以来最严峻的挑战，根源在于美方一些政治势力对中国的认知出现了严重偏差。”</p><p>“中方从来无意挑战或取代美国，”王毅说，“我们也绝不允许任何人剥夺中国人民通过自己奋斗实现美好生活的权利。”</p><p>王毅指出，香港、台湾、新疆事务纯属中国内政，美方应停止借涉港、涉台、涉疆问题干涉中国内政。</p><p>外交部发言人华春莹此前也表示，美方对华政策已被“冷战思维”所绑架。</p><p>据《人民日报》报道，研讨会由中国国际问题研究院主办，来自有关部门和高校的专家学者参加。</p><p>【责任编辑：李明哲】</p>
</div>
"""

BIG5_POST = """---
layout: post
title: "[政治] 吳釗燮：台灣不會在北京壓力下退讓 - 200827-1"
date: 2020-08-27T12:18:36.000Z
author: RTI 中央廣播電臺
from: https://www.rti.org.tw/news/view/id/9990023
tags: [ RTI 中央廣播電臺 ]
categories: [ news, RTI 中央廣播電臺 ]
---
<!--1598530716000-->
[[政治] 吳釗燮：台灣不會在北京壓力下退讓 - 200827-1](https://www.rti.org.tw/news/view/id/9990023)
------

<div>
<img src="https://static.rti.org.tw/assets/thumbnails/2020/08/27/testdata9990023.jpg" width="360" alt="外交部長吳釗燮27日在立法院接受媒體訪問。(林佳慧攝)" title="外交部長吳釗燮27日在立法院接受媒體訪問。(林佳慧攝)"><br>中國解放軍近日在台灣周邊海空域密集演習，外交部長吳釗燮今天(27日)在立法院表示，台灣不會在北京的壓力下退讓。#記者林佳慧的採訪報導#吳釗燮說：「中國的軍事威脅不會讓台灣人民害怕，只會讓國際社會更看清北京的本質。」<br>對於美國衛生部長艾薩爾此前訪台，中國外交部發言人趙立堅稱美方「玩火自焚」。吳釗燮回應，「台美關係的進展是雙方共同努力的成果，不需要看北京的臉色」。<br>國民黨立委則呼籲政府，在強化國防的同時也要維持兩岸溝通管道，避免誤判。<br>美國國務院發言人重申，美方對台灣的支持「堅若磐石」。
</div>
"""


def write(name, text, codec):
    data = text.encode(codec)  # strict: fails loudly on an unencodable character
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


if __name__ == "__main__":
    GBK_POST.encode("gbk")  # check: every character is also in GBK
    write("22-gbk.md", GBK_POST, "gb18030")
    write("23-big5.md", BIG5_POST, "big5")
