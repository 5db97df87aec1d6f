#!/usr/bin/env python3
"""Regenerate the sample posts of testdata/posts whose exact bytes matter.

Produces:
  17-control-chars.md  UTF-8 post with 0x08 (backspace, also in the title),
                       0x0B (vertical tab), U+200B zero-width space, U+FEFF
                       (a BOM) in the middle of the body, &nbsp; entities and
                       U+3000 ideographic spaces
  20-crlf.md           Reuters post with CRLF ("\\r\\n") line ends throughout
  21-utf8-bom.md       post starting with a UTF-8 BOM (EF BB BF) before "---"
  24-empty.md          empty file (0 bytes)
  25-binary.md         not a post: a PNG signature and IHDR chunk followed by
                       pseudo-random bytes with NULs (fixed seed)
  33-whitespace-only.md  only spaces, tabs and line ends (LF and CRLF)

Run from anywhere: python3 testdata/posts/gen_bytes.py
The text is invented test prose; the output is byte-for-byte reproducible.
"""
import os
import random
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

CONTROL_POST = (
    "---\n"
    "layout: post\n"
    'title: "\x08美国制裁中国南海岛礁建设企业 - iYouPort"\n'
    "date: 2020-09-09T15:40:02.000Z\n"
    "author: iYouPort\n"
    "from: https://www.iyouport.org/testdata-999017/\n"
    "tags: [ iYouPort ]\n"
    "categories: [ iYouPort ]\n"
    "---\n"
    "<!--1599666002000-->\n"
    "[\x08美国制裁中国南海岛礁建设企业 - iYouPort](https://www.iyouport.org/testdata-999017/)\n"
    "------\n"
    "\n"
    "<div>\n"
    "<p>\u3000\u3000美国商务部宣布，将参与南海岛礁建设的24家中国企业列入\u201c实体清单\u201d，"
    "其中包括中国交通建设集团的多家子公司。</p>"
    "<p>美国国务卿蓬佩奥在声明中说\uff1a\u201c美国将持续对中国在南海的\u200b挑衅行为\u200b采取行动。\u201d</p>"
    "<p>\x08中国外交部发言人赵立坚回应称\uff0c中方在自己的领土上进行建设\u201c天经地义\u201d\u3002</p>"
    "<p>&nbsp;</p>"
    "<p>东南亚\x0b国家对此反应不一\uff0c越南外交部发言人黎氏秋姮表示\uff1a"
    "\u201c越南欢迎各方为维护南海和平稳定作出的努力。\u201d</p>"
    "<p>\ufeff据《南华早报》报道\uff0c部分被制裁企业在香港上市\uff0c股价当天应声下跌。&nbsp;&nbsp;</p>"
    "<p>\u3000（IYP编译\u3000责任编辑：\u3000周扬）</p>\n"
    "</div>\n"
)

CRLF_POST = """---
layout: post
title: "中国外交部宣布对等关闭美国驻成都总领事馆"
date: 2020-07-24T09:14:05.000Z
author: 路透
from: https://cn.reuters.com/article/china-usa-chengdu-testdata-0724-idCNKCS99X0T2
tags: [ 路透 ]
categories: [ news, 路透 ]
---
<!--1595582045000-->
[中国外交部宣布对等关闭美国驻成都总领事馆](https://cn.reuters.com/article/china-usa-chengdu-testdata-0724-idCNKCS99X0T2)
------

<div>
<div><i>2020-07-24T09:02:40</i></div><div class="StandardArticleBody_body"><p>路透北京7月24日 - 中国外交部周五宣布，决定撤销对美国驻成都总领事馆的设立和运行许可，以回应美方关闭中国驻休斯敦总领事馆。 </p><p>“中方的措施是对美方无理行径的正当必要反应，”外交部在一份声明中称，“当前中美关系出现的局面是中方不愿看到的，责任完全在美方。” </p><p>美国驻成都总领事馆负责四川、重庆、云南、贵州和西藏等地的领事事务。 </p><p>美国国务院尚未回复路透的置评请求。(完) </p><div class="Attribution_container"><div class="Attribution_attribution"><p class="Attribution_content">编译 何思远；审校　梁慧文 </p></div></div></div>
</div>
"""

BOM_POST = """---
layout: post
title: "英国宣布为BNO护照持有人开设入籍途径 中方称保留采取进一步措施的权利"
date: 2020-10-06T11:22:03.000Z
author: BBC
from: https://www.bbc.com/zhongwen/simp/uk-99990021
tags: [ BBC ]
categories: [ BBC ]
---
<!--1601983323000-->
[英国宣布为BNO护照持有人开设入籍途径 中方称保留采取进一步措施的权利](https://www.bbc.com/zhongwen/simp/uk-99990021)
------

<div>
<div><i>2020年 10月 6日</i></div><p class="story-body__introduction">英国内政部公布细节，持有英国国民（海外）护照的香港居民及其家属可从明年1月起申请赴英签证。</p><p>英国内政大臣彭黛玲说：“我们正在兑现对香港人民的历史承诺。”</p><p>中国驻英国大使馆发言人表示，英方此举“严重违反国际法和国际关系基本准则”，中方保留采取进一步措施的权利。</p><p>“很多人已经在打包了，”一位正在办理手续的香港教师对BBC中文说，“但谁也不知道下一步会怎样。”</p></div>
"""


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def png_chunk(kind, payload):
    return (struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))


def binary_bytes():
    rng = random.Random(20240521)
    head = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 48, 8, 2, 0, 0, 0))
    body = bytearray(rng.getrandbits(8) for _ in range(4096))
    for i in range(0, len(body), 37):  # make sure NULs are present
        body[i] = 0
    return head + png_chunk(b"IDAT", bytes(body[:2048])) + bytes(body[2048:])


if __name__ == "__main__":
    write("17-control-chars.md", CONTROL_POST.encode("utf-8"))
    write("20-crlf.md", CRLF_POST.replace("\n", "\r\n").encode("utf-8"))
    write("21-utf8-bom.md", b"\xef\xbb\xbf" + BOM_POST.encode("utf-8"))
    write("24-empty.md", b"")
    write("25-binary.md", binary_bytes())
    write("33-whitespace-only.md", b"\n\n   \n\t\t\n \r\n\r\n    \t \n")
