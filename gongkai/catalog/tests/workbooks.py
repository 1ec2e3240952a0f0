"""Workbooks in the shape county sites publish: title row, two merged header rows, merged 一级事项 cells."""

import io

from openpyxl import Workbook

HEADER_TOP = ["序号", "公开事项", "", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
              "公开对象", "", "公开方式", "", "公开层级", ""]  # fmt: skip
HEADER_SUB = ["", "一级事项", "二级事项", "", "", "", "", "", "全社会", "特定群众", "主动", "依申请", "县级", "乡级"]
CHANNELS = "■政府网站 □政府公报 □两微一端 □发布会/听证会 □广播电视 □纸质媒体 ■公开查阅点 ■政务服务中心 □便民服务站"

ROWS = [
    ["1", "综合业务", "政策法规文件", "《社会救助暂行办法》(国务院令第649号)及配套文件",
     "《中华人民共和国政府信息公开条例》第二十条", "制定或获取信息之日起10个工作日内",
     "县级民政部门、乡镇政府（街道办事处）", CHANNELS, "√", "", "√", "", "√", "√"],
    ["2", "", "监督检查", "社会救助信访通讯地址、投诉举报电话", "《社会救助暂行办法》第五十七条",
     "信息形成或变更之日起20个工作日内", "县级民政部门", CHANNELS + " ■12345政务服务热线", "√", "", "√", "", "√", ""],
    ["3", "最低生活保障", "审核信息", "初审对象名单及相关信息", "《社会救助暂行办法》第十一条",
     "10个工作日内，公示7个工作日", "乡镇政府（街道办事处）", "■社区/企事业单位/村公示栏（电子屏）",
     "", "√", "√", "", "", "√"],
]  # fmt: skip


def national_workbook(rows=None, sheet_name="社会救助") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    sheet.append(["示范区社会救助领域基层政务公开标准目录"])
    sheet.append(HEADER_TOP)
    sheet.append(HEADER_SUB)
    for row in ROWS if rows is None else rows:
        sheet.append(row)
    for merged in ("A1:N1", "B2:C2", "I2:J2", "K2:L2", "M2:N2", "A2:A3", "D2:D3", "E2:E3", "F2:F3", "G2:G3",
                   "H2:H3", "B4:B5"):  # fmt: skip
        sheet.merge_cells(merged)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
