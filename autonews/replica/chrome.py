"""Page furniture shared by every replica page: head, navigation, sidebar, footer.

The sidebar and disclaimer texts are the exact lines of the seed page, because the
cleaning code is tested against them.
"""

from __future__ import annotations

from html import escape

from .model import CHANNELS, REPLICA_LABEL

STATEMENT_LINES = (
    "·凡注明为其他媒体来源的信息,均为转载自其他媒体,转载并不代表本网赞同其观点,也不代表本网对其真实性负责。"
    "如系qi-che.com原创文章,转载请注明出处:qi-che.com。",
    "·您若对该稿件内容有任何疑问或质疑,请即与qi-che.com联系,本网将迅速给您回应并做处理。",
    "邮箱mail@qi-che.com",
    "处理时间:周一—周五 9:00—18:00",
)
ORIGINAL_NOTE = "如系本站原创文章,转载请注明出处:qi-che.com。"
QR_NOTE = "更多汽车新闻关注 请扫码qi-che.com公众微信号:"
QR_IMG = "http://img.qi-che.com/qrcode.jpg"
SITE_BLURB = "老虎车网,国内外新车资讯,行业动态、汽车图片、汽车评测、汽车视频等精彩内容分享。"
WECHAT_CARDS = (
    ("汽车行业关注", "报导汽车行业资讯,深挖车界猛料"),
    ("老虎车网", "新鲜汽车资讯,实用车主指南"),
    ("买车顾问", "好玩、好看、有用才是我们的基本诉求"),
)


def esc(text: str) -> str:
    """Escape element text (quotes stay literal, as CMS output does)."""
    return escape(text, quote=False)


def attr(text: str) -> str:
    return escape(text, quote=True)


def head(title: str, *, gbk: bool = False, extra: str = "") -> str:
    """<!DOCTYPE> to <body>. GBK pages declare gb2312 in a meta http-equiv, like old CMSes."""
    charset = (
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        if gbk
        else '<meta charset="utf-8">'
    )
    return (
        f"<!DOCTYPE html>\n<!-- {REPLICA_LABEL} -->\n<html><head>{charset}"
        f"<title>{esc(title)}</title>{extra}</head>\n<body>\n"
    )


def nav(prefix: str = "") -> str:
    """``prefix``: the folder channel listings sit under ("/html"), none by default."""
    links = "".join(f'<a href="{prefix}/{slug}/">{name}</a>' for slug, name in CHANNELS.items())
    return f'<div class="nav"><a href="/">首页</a>{links}</div>'


def header(prefix: str = "") -> str:
    return f'<div class="header"><div class="logo"><a href="/">老虎车网</a></div>{nav(prefix)}</div>\n'


def bare_header() -> str:
    """The logo only: families found through sitemaps or feeds link no channel listings."""
    return '<div class="header"><div class="logo"><a href="/">老虎车网</a></div></div>\n'


def sidebar(links: str = "") -> str:
    """The seed's sidebar (blurb, 最新问答 更多, 用车养护, WeChat cards); ``links`` is optional extra HTML."""
    cards = "".join(
        f'<div class="wx-card"><img src="http://img.qi-che.com/wx{i}.jpg" alt="">'
        f"<h4>{name}</h4><p>{motto}</p></div>"
        for i, (name, motto) in enumerate(WECHAT_CARDS, 1)
    )
    return (
        f'<div class="sidebar">{links}<div class="about"><p>{SITE_BLURB}</p></div>'
        '<div class="ask"><h3>最新问答 <a href="/ask/">更多</a></h3><ul></ul></div>'
        f'<div class="care"><h3>用车养护</h3></div><div class="wechat">{cards}</div></div>\n'
    )


def footer() -> str:
    return (
        '<div class="footer"><p>Copyright &copy; 2024 qi-che.com 老虎车网 版权所有</p>'
        f"<p>{REPLICA_LABEL}</p></div>\n</body></html>\n"
    )


def statement() -> str:
    lines = "".join(f"<p>{esc(line)}</p>" for line in STATEMENT_LINES)
    return f'<div class="statement">声明:{lines}</div>\n'
