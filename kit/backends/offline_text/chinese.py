"""Hong Kong Traditional Chinese: children may type Simplified characters; the model never answers with them."""

from __future__ import annotations

# --- Traditional Chinese, Hong Kong usage ------------------------------------------------------------
# Children sometimes type Simplified characters; the kit must never answer with them. Each pair is
# "simplified traditional"; ambiguous characters (里, 后, 只, 干, 面 ...) are left alone on purpose.
_S2T_PAIRS = """
机機 这這 个個 们們 说說 为為 么麼 东東 车車 马馬 鸟鳥 鱼魚 龙龍 猫貓 对對 会會 来來 过過 还還 进進
远遠 运運 边邊 国國 图圖 园園 话話 语語 读讀 让讓 谁誰 请請 讲講 体體 丽麗 电電 脑腦 师師 宝寶 鸡雞
猪豬 风風 云雲 阳陽 红紅 绿綠 蓝藍 黄黃 颜顏 结結 给給 经經 难難 欢歡 观觀 视視 觉覺 杀殺 枪槍 战戰
险險 飞飛 节節 梦夢 样樣 岛島 湾灣 维維 亚亞 厅廳 楼樓 医醫 药藥 钱錢 铁鐵 银銀 钟鐘 门門 闻聞 问問
间間 闪閃 时時 书書 学學 写寫 爱愛 乐樂 开開 关關 发發 长長 见見 贝貝 儿兒 几幾 头頭 兴興 认認 识識
习習 惯慣 实實 现現 声聲 处處 听聽 总總 从從 众眾 伤傷 养養 动動 华華 单單 卖賣 买買 历歷 变變 叶葉
号號 吗嗎 吓嚇 员員 团團 场場 坏壞 块塊 够夠 奖獎 妈媽 导導 岁歲 带帶 帮幫 应應 张張 强強 归歸 当當
忆憶 态態 惊驚 戏戲 护護 报報 换換 摇搖 数數 无無 旧舊 显顯 杂雜 条條 极極 树樹 桥橋 气氣 汉漢 没沒
泪淚 满滿 灯燈 灵靈 点點 热熱 狮獅 环環 画畫  礼禮 离離 种種 笔筆 简簡 紧緊 级級 纸紙 线線 练練
组組 细細 终終 绘繪 续續 编編 罗羅 聪聰 脚腳 艺藝 获獲 虫蟲 虽雖 虾蝦 装裝 计計 记記 许許 设設 词詞
试試 诗詩 该該 课課 谈談 谢謝 贵貴 费費 赛賽 赢贏 赶趕 轮輪 轻輕 辆輛 达達 选選 邮郵 针針 钥鑰 锁鎖
错錯 镜鏡 队隊 随隨 静靜 页頁 顶頂 顺順 须須 预預 领領 题題 饭飯 饺餃 饼餅 馆館 骑騎 鲸鯨 鸭鴨 鹰鷹
麦麥 龟龜 亲親 伙夥 双雙 击擊 别別 剧劇 办辦 区區 启啟 响響 围圍 坚堅 复復 奋奮 宠寵 层層 币幣 庆慶
庙廟 异異 忧憂 恶惡 扫掃 扬揚 择擇 挂掛 挥揮 晒曬 暂暫 构構 样樣 欧歐 毕畢 沟溝 洒灑 测測 浓濃 涛濤
渐漸 温溫 湿濕 滚滾 滩灘 炉爐 爷爺 独獨 疗療 盘盤 确確 积積 穷窮 筑築 粮糧 约約 纯純 纹紋 绳繩 缓緩
肤膚 肠腸 舰艦 苏蘇 荣榮 萝蘿 虑慮 触觸 训訓 议議 讯訊 详詳 谜謎 贴貼 转轉 载載 辉輝 输輸 连連 适適
递遞 释釋 钓釣 钢鋼 铃鈴 链鏈 锅鍋 闭閉 闹鬧 阴陰 阵陣 阶階 陆陸 险險 雾霧 颗顆 飘飄 驶駛 骄驕 鲨鯊
鸦鴉 鹤鶴 齐齊 齿齒 丰豐 尽盡 广廣 亿億 仓倉 码碼 础礎 赞讚 鉴鑑 闲閒 韩韓 频頻 饱飽 鸽鴿 鹅鵝 钻鑽
"""
_S2T = dict(pair for pair in _S2T_PAIRS.split())
_HK_WORDS = {"機器人": "機械人", "計算機": "電腦", "程序": "程式", "軟體": "軟件", "信息": "資訊", "視頻": "影片",
             "冰淇淋": "雪糕", "巧克力": "朱古力", "出租車": "的士", "公交車": "巴士", "自行車": "單車",
             "土豆": "薯仔", "質量": "質素", "網路": "網絡", "默認": "預設", "打印": "列印"}
_S2T_TABLE = str.maketrans(_S2T)


def _traditional(text: str) -> str:
    """Simplified -> Traditional, then mainland words -> Hong Kong words (機器人 -> 機械人)."""
    text = text.translate(_S2T_TABLE)
    for mainland, hk in _HK_WORDS.items():
        text = text.replace(mainland, hk)
    return text


# A few written-Cantonese swaps, only when a child asks for Cantonese.
_CANTONESE = [("他們", "佢哋"), ("她們", "佢哋"), ("牠們", "佢哋"), ("我們", "我哋"), ("你們", "你哋"),
              ("沒有", "冇"), ("很", "好"), ("看", "睇"), ("吃", "食"), ("的", "嘅")]
