"""Phrase tables for generated replica articles (invented replica content, not site text).

Punctuation follows the seed page: ASCII , : ! ? ( ) inside Chinese text, full-width 。“”《》.
Every string here is GBK-encodable, because ~10% of generated pages are sent as GBK.
"""

from __future__ import annotations

BRANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("比亚迪", ("汉L", "唐L", "海豹06", "宋PLUS", "秦L")),
    ("吉利", ("星越L", "银河E5", "博越L", "星愿")),
    ("长安", ("深蓝S07", "UNI-Z", "启源E07", "CS75PLUS")),
    ("理想", ("L6", "L7", "L9")),
    ("蔚来", ("ET5T", "ES6", "ET9")),
    ("小鹏", ("MONA M03", "P7+", "G6")),
    ("特斯拉", ("Model Y", "Model 3")),
    ("大众", ("ID.3", "途观L Pro", "帕萨特", "朗逸")),
    ("丰田", ("凯美瑞", "RAV4荣放", "bZ3X")),
    ("本田", ("雅阁", "CR-V", "e:NP2")),
    ("长城", ("哈弗猛龙", "坦克400", "魏牌蓝山")),
    ("奇瑞", ("瑞虎8", "风云A8", "星途瑶光")),
    ("零跑", ("C16", "C10", "B10")),
    ("问界", ("M7", "M9", "M5")),
    ("极氪", ("7X", "001", "MIX")),
    ("宝马", ("i3", "X3", "5系")),
    ("奔驰", ("E级", "GLC", "EQE")),
)
CITIES = ("北京", "上海", "广州", "深圳", "成都", "杭州", "武汉", "重庆", "西安", "厦门", "长沙", "郑州")
SOURCES = (
    "老虎车网",
    "汽车行业关注",
    "中国汽车报",
    "第一财经",
    "澎湃新闻",
    "新华网",
    "新浪科技",
    "经济观察网",
)
AUTHORS = ("周琳", "刘洋", "赵磊", "孙立", "何静", "高远", "林晓", "陈晨", "郑凯", "吴昊")
TYPES = ("纯电SUV", "插混轿车", "增程SUV", "纯电轿车", "紧凑型SUV", "中大型SUV", "MPV")
FEATURES = (
    "前脸采用封闭式格栅设计",
    "前脸配备贯穿式LED灯带",
    "车身侧面采用隐藏式门把手",
    "车身侧面线条更加修长",
    "尾部采用分体式尾灯设计",
)
ADJS = ("时尚动感", "稳重大气", "科技感十足", "年轻运动")
POWERS = ("1.5T发动机+电动机组成的插混系统", "前后双电机", "单电机后驱系统", "2.0T涡轮增压发动机")
CHIPS = ("高通骁龙8295", "高通骁龙8155", "自研智驾")
ASSISTS = ("高速领航辅助驾驶", "城市领航辅助驾驶", "自动泊车", "全场景语音交互")
TECHS = ("固态电池", "智能驾驶", "800V高压快充", "智能座舱", "混动")
ASPECTS = ("加速", "隔音", "底盘滤震", "转向手感", "智能驾驶")
VERDICTS = ("兼顾舒适与操控", "越级配置成最大亮点", "家用表现可圈可点", "驾驶质感超出预期")
INCIDENTS = ("新车提车三天出现故障", "遭遇4S店强制搭售", "高速上车机突然黑屏", "维权终获退一赔三")
PROMOS = ("最高补贴1万元", "百余款车型限时优惠", "购车送千元油卡")
POLICIES = ("新能源车牌照放宽", "充电设施建设提速", "老旧车辆报废更新补贴加码")
MARKETS = ("东南亚", "欧洲", "中东", "南美")
COLORS = ("星空灰、冰川白、极夜黑", "海湾蓝、月光银", "珍珠白、曜石黑、云雾绿")

TITLES: dict[str, tuple[str, ...]] = {
    "xinche": (
        "{brand}{model}正式上市 售价{lo}-{hi}万元",
        "新款{brand}{model}官图发布 {feature}",
        "{brand}{model}开启预售 预售价{lo}万元起",
        "{brand}全新{type}申报信息曝光",
    ),
    "hangye": (
        "{month}月{brand}销量{sales}辆 同比增长{pct}%",
        "{brand}发布第{q}季度财报 营收{rev}亿元",
        "{brand}宣布限时降价 {model}最高优惠{off}万元",
        "{brand}与{brand2}达成战略合作 共同开发{tech}",
    ),
    "pingce": (
        "试驾{brand}{model}:{verdict}",
        "{brand}{model}深度评测 {verdict}",
        "{lo}万元级{type}怎么选?{brand}{model}对比{brand2}{model2}",
    ),
    "shehuiredia": (
        "{city}一{brand}车主{incident}",
        "{city}启动汽车消费节 {promo}",
        "{city}出台新政 {policy}",
    ),
}

OPENERS: dict[str, tuple[str, ...]] = {
    "xinche": (
        "{md},{brand}官方宣布,旗下{type}{model}正式上市,新车共推出{n}款配置车型,售价区间为{lo}-{hi}万元。",
        "{md},{brand}发布了{model}的官方图片,新车定位{type},预计将于年内正式上市。",
    ),
    "hangye": (
        "{md},{brand}公布最新销量数据,{month}月共销售新车{sales}辆,同比增长{pct}%,环比增长{pct2}%。",
        "{md},{brand}与{brand2}在{city}签署战略合作协议,双方将在{tech}领域展开深度合作。",
    ),
    "pingce": ("近日,我们在{city}试驾了{brand}{model},这是一款定位{type}的车型,官方指导价{lo}-{hi}万元。",),
    "shehuiredia": (
        "{md},{city}一位{brand}{model}车主向本网反映,自己的爱车{incident}。",
        "{md},{city}市正式启动汽车消费节,活动期间{promo},吸引了大量市民到场选购。",
    ),
}

SENTENCES: tuple[str, ...] = (
    "外观方面,新车采用了家族式设计语言,{feature},整体看起来{adj}。",
    "动力方面,新车搭载{power},最大功率{kw}kW,峰值扭矩{nm}N·m。",
    "续航方面,新车CLTC工况纯电续航里程为{range}km,支持快充,{charge}分钟即可将电量从30%充至80%。",
    "内饰方面,新车配备{screen}英寸中控屏,并搭载{chip}芯片,支持{assist}功能。",
    "据乘联会数据显示,{month}月国内乘用车零售{retail}万辆,同比增长{pct}%。",
    "业内人士指出,在价格战持续的背景下,{brand}此次调整有望进一步提升市场份额。",
    "有分析人士认为,{tech}技术的快速普及正在重塑整个行业的竞争格局。",
    "截至{month}月底,{brand}今年累计销量已达{sales2}辆,完成全年目标的{pct3}%。",
    "从市场表现来看,{type}市场竞争日趋激烈,{brand}{model}面临{brand2}{model2}等车型的直接竞争。",
    "试驾过程中,{model}的{aspect}表现给人留下了深刻印象。",
    "{city}市相关负责人表示,将继续加大对新能源汽车消费的支持力度。",
    "对此,不少消费者表示,希望车企能够在提升产品力的同时进一步完善售后服务。",
    "值得一提的是,新车还提供了{color}等多种车身颜色供消费者选择。",
    "此外,{brand}还表示,将在年内推出更多新车型,进一步完善产品布局。",
    "汽车行业关注了解到,{brand}正在加快海外市场布局,计划在{market}建立生产基地。",
    "安全配置方面,新车配备{airbags}个安全气囊,并提供车道保持、自动紧急制动等功能。",
    "记者在{city}多家门店走访发现,{model}的到店客流明显增加,部分门店已出现排队试驾的情况。",
    "业内人士预计,随着以旧换新政策的持续发力,四季度车市有望延续增长势头。",
    "律师提醒,消费者在购车时应仔细核对合同条款,保留好付款凭证,遇到纠纷可向消费者协会投诉。",
    "对于{brand}而言,如何在保持销量增长的同时提升盈利能力,将是接下来需要面对的课题。",
)
