<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddPersonDialog</name>
    <message>
        <source>Add a Person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>letters, digits and _ . @ -</source>
        <translation>字母、数字及 _ . @ -</translation>
    </message>
    <message>
        <source>(the project has no community)</source>
        <translation>（项目中没有社区）</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Community:</source>
        <translation>社区：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Give the person&apos;s login.</source>
        <translation>请填写登录名。</translation>
    </message>
    <message>
        <source>A login is made of letters, digits and _ . @ - (at most 63 bytes), and does not start with pg_.</source>
        <translation>登录名只能由字母、数字及 _ . @ - 组成（最多 63 字节），且不能以 pg_ 开头。</translation>
    </message>
    <message>
        <source>%1 is already one of the project&apos;s people.</source>
        <translation>%1 已是项目的人员。</translation>
    </message>
    <message>
        <source>Pick the chief&apos;s community.</source>
        <translation>请选择社区书记所在的社区。</translation>
    </message>
    <message>
        <source>Give a password.</source>
        <translation>请填写密码。</translation>
    </message>
    <message>
        <source>The two passwords differ: type the same password twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>No Chinese font (Noto Sans CJK SC) is installed: Chinese text may show as boxes. Install fonts-noto-cjk.</source>
        <translation>未安装中文字体（Noto Sans CJK SC），中文可能显示为方框。请安装 fonts-noto-cjk。</translation>
    </message>
    <message>
        <source>gridmap met an internal error (%1). This is a fault in gridmap, not in your data; every change made before it was saved.</source>
        <translation>gridmap 发生内部错误（%1）。这是 gridmap 的缺陷，不是数据的问题；此前的每一项修改都已保存。</translation>
    </message>
    <message>
        <source>Details are in %1.</source>
        <translation>详细信息已记录在 %1。</translation>
    </message>
</context>
<context>
    <name>AttributeRows</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>上级</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>网格数</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Grid chiefs</source>
        <translation>网格长</translation>
    </message>
    <message>
        <source>Grid members</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>楼号</translation>
    </message>
    <message>
        <source>Compound</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Floors</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Footprint</source>
        <translation>占地</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>居住状态</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Last checked</source>
        <translation>最近核查</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>需回访</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>职责</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Duties</source>
        <translation>分工</translation>
    </message>
    <message>
        <source>Linked households</source>
        <translation>联系户数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Staffed by</source>
        <translation>值守人员</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>长度</translation>
    </message>
</context>
<context>
    <name>AttributesPanel</name>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Double-click or press F2 to rename</source>
        <translation>双击或按 F2 重命名</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <source>New &amp;Case…</source>
        <translation>新建案件(&amp;C)…</translation>
    </message>
    <message>
        <source>Report a case at the selected building or household, or at the point last clicked on the map</source>
        <translation>在所选楼栋或住户、或地图上最近点击的位置上报案件</translation>
    </message>
    <message>
        <source>Record &amp;Visit…</source>
        <translation>记录走访(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Escalate Overdue Cases</source>
        <translation>督办逾期案件(&amp;E)</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>未执行：%1</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Household %1</source>
        <translation>住户 %1</translation>
    </message>
    <message>
        <source>Building %1</source>
        <translation>楼栋 %1</translation>
    </message>
    <message>
        <source>The point clicked on the map (%1, %2)</source>
        <translation>地图上点击的位置（%1，%2）</translation>
    </message>
    <message>
        <source>Add Photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Photos (%1)</source>
        <translation>照片（%1）</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a JPEG or PNG photo.</source>
        <translation>%1 不是可用的照片（应为常见图片格式）。</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Print Dispatch Slip</source>
        <translation>打印派单</translation>
    </message>
    <message>
        <source>Monthly Report</source>
        <translation>案件月报</translation>
    </message>
    <message>
        <source>The project holds no case yet.</source>
        <translation>本项目还没有案件。</translation>
    </message>
    <message>
        <source>Month of %1:</source>
        <translation>%1 的月份：</translation>
    </message>
    <message>
        <source>Record Visit</source>
        <translation>记录走访</translation>
    </message>
    <message>
        <source>Select the building visited (on the map or in the tree) first.</source>
        <translation>请先（在地图或网格层级中）选择走访的楼栋。</translation>
    </message>
</context>
<context>
    <name>CasesPanel</name>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近7天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近30天</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>近90天</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Last 365 days</source>
        <translation>近一年</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Selected zone only</source>
        <translation>仅所选区域</translation>
    </message>
    <message>
        <source>Cases per grid on the map</source>
        <translation>地图显示网格案件密度</translation>
    </message>
    <message>
        <source>New Case…</source>
        <translation>新建案件…</translation>
    </message>
    <message>
        <source>Record Visit…</source>
        <translation>记录走访…</translation>
    </message>
    <message>
        <source>Escalate Overdue (0)</source>
        <translation>督办逾期 (0)</translation>
    </message>
    <message>
        <source>Monthly Report…</source>
        <translation>月报…</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Print Dispatch Slip…</source>
        <translation>打印派单…</translation>
    </message>
    <message>
        <source>Add Photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Per grid</source>
        <translation>按网格</translation>
    </message>
    <message>
        <source>Per community</source>
        <translation>按社区</translation>
    </message>
    <message>
        <source>Per category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>按月份</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报数</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结数</translation>
    </message>
    <message>
        <source>Median hours to close</source>
        <translation>办结用时中位数（小时）</translation>
    </message>
    <message>
        <source>Overdue share</source>
        <translation>逾期率</translation>
    </message>
    <message>
        <source>Cases reported</source>
        <translation>上报案件数</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>%1 of %2 cases, %3 overdue</source>
        <translation>显示 %1 件，共 %2 件，逾期 %3 件</translation>
    </message>
    <message>
        <source>Escalate Overdue (%1)</source>
        <translation>督办逾期 (%1)</translation>
    </message>
    <message>
        <source>Select a case in the list or on the map.</source>
        <translation>请在列表或地图上选择案件。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Reported at</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>反映人</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>%1 level(s) up</source>
        <translation>已督办至上 %1 级</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>A point on the map</source>
        <translation>地图上的位置</translation>
    </message>
</context>
<context>
    <name>ChartMenu</name>
    <message>
        <source>Copy Data</source>
        <translation>复制数据</translation>
    </message>
    <message>
        <source>Each bar&apos;s name and value, to paste into Excel or WPS</source>
        <translation>每根柱的名称和数值，可粘贴到 Excel 或 WPS</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <source>Save Image…</source>
        <translation>保存图片…</translation>
    </message>
    <message>
        <source>Save Chart Image</source>
        <translation>保存图表图片</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Cannot save the image</source>
        <translation>无法保存图片</translation>
    </message>
</context>
<context>
    <name>CheckinCopy</name>
    <message>
        <source>Check &amp;In Offline Copy…</source>
        <translation>签入离线副本(&amp;I)…</translation>
    </message>
    <message>
        <source>Send this offline copy&apos;s edits back to the shared project it was checked out of</source>
        <translation>把这个离线副本的修改发回它所签出的共享项目</translation>
    </message>
</context>
<context>
    <name>CheckinDialog</name>
    <message>
        <source>This project is not an offline copy: it has nothing to check in.</source>
        <translation>这个项目不是离线副本，没有可签入的内容。</translation>
    </message>
    <message>
        <source>To share a whole project, publish it (gridmap publish).</source>
        <translation>要共享整个项目，请发布它（gridmap publish）。</translation>
    </message>
    <message>
        <source>This copy was checked in already and could not be brought up to date then; it has nothing more to send.</source>
        <translation>这个副本已经签入过，当时未能与服务器同步，不能再发送修改。</translation>
    </message>
    <message>
        <source>Check the community out again for more edits.</source>
        <translation>如需继续修改，请重新签出该社区。</translation>
    </message>
    <message>
        <source>The copy changed rows it holds read-only (neighbours kept for snapping); nothing was written.</source>
        <translation>副本改动了只读的行（仅供捕捉用的相邻区域），什么也没有写入。</translation>
    </message>
    <message>
        <source>Check the community out again and make the edits there.</source>
        <translation>请重新签出该社区，在新副本中修改。</translation>
    </message>
    <message>
        <source>The copy has new rows with ids the server did not set aside for it; nothing was written.</source>
        <translation>副本中有新行使用了服务器没有预留给它的编号，什么也没有写入。</translation>
    </message>
    <message>
        <source>Add them again in a new check-out.</source>
        <translation>请在新签出的副本中重新添加。</translation>
    </message>
    <message>
        <source>The database at this address holds another project than the one the copy was checked out of; nothing was written.</source>
        <translation>这个地址上的数据库是另一个项目，不是副本签出的项目，什么也没有写入。</translation>
    </message>
    <message>
        <source>Check in to the address the copy came from.</source>
        <translation>请签入到副本来源的地址。</translation>
    </message>
    <message>
        <source>The server no longer has the community the copy was checked out of (deleted or renumbered); nothing was written.</source>
        <translation>服务器上已没有副本签出的社区（已删除或重新编号），什么也没有写入。</translation>
    </message>
    <message>
        <source>Ask the office where its households went; keep the copy to look the edits up.</source>
        <translation>请向街道办询问其住户的去向；保留副本以便查阅修改。</translation>
    </message>
    <message>
        <source>The copy holds a value the project does not take; nothing was written.</source>
        <translation>副本中有项目不接受的值，什么也没有写入。</translation>
    </message>
    <message>
        <source>Correct it in the copy, then check in again.</source>
        <translation>请在副本中改正后再签入。</translation>
    </message>
    <message>
        <source>Someone changed a row of this check-in on the server while it ran; nothing was written.</source>
        <translation>签入进行时，有人在服务器上改动了其中的行，什么也没有写入。</translation>
    </message>
    <message>
        <source>Check in again: their change is then compared like any other.</source>
        <translation>请再签入一次：那次改动会像其他改动一样参与比较。</translation>
    </message>
    <message>
        <source>The server refused the check-in; nothing was written.</source>
        <translation>服务器拒绝了这次签入，什么也没有写入。</translation>
    </message>
    <message>
        <source>The check-in could not be done; nothing was written.</source>
        <translation>签入未能完成，什么也没有写入。</translation>
    </message>
    <message>
        <source>Check the copy and the connection, then try again.</source>
        <translation>请检查副本和网络连接后重试。</translation>
    </message>
    <message>
        <source>polygon</source>
        <translation>面</translation>
    </message>
    <message>
        <source>multipolygon</source>
        <translation>多面</translation>
    </message>
    <message>
        <source>line</source>
        <translation>线</translation>
    </message>
    <message>
        <source>multiline</source>
        <translation>多线</translation>
    </message>
    <message>
        <source>point</source>
        <translation>点</translation>
    </message>
    <message>
        <source>multipoint</source>
        <translation>多点</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Copy&apos;s value</source>
        <translation>副本的值</translation>
    </message>
    <message>
        <source>Server&apos;s value</source>
        <translation>服务器的值</translation>
    </message>
    <message>
        <source>Changed on the server by</source>
        <translation>服务器上的修改者</translation>
    </message>
    <message>
        <source>Check In Offline Copy</source>
        <translation>签入离线副本</translation>
    </message>
    <message>
        <source>the server&apos;s password</source>
        <translation>服务器的密码</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Each conflict is a row changed both in this copy and on the server since the check-out. The choice applies to all of them.</source>
        <translation>冲突是指签出后在副本和服务器上都被改动过的行。所作选择适用于全部冲突。</translation>
    </message>
    <message>
        <source>Keep Mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Send the copy&apos;s values for every conflict</source>
        <translation>所有冲突都发送副本的值</translation>
    </message>
    <message>
        <source>Take the Server&apos;s</source>
        <translation>采用服务器的</translation>
    </message>
    <message>
        <source>Keep the server&apos;s values for every conflict; the copy takes them</source>
        <translation>所有冲突都保留服务器的值，副本也改用这些值</translation>
    </message>
    <message>
        <source>Check In</source>
        <translation>签入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The copy holds no edits since it was checked out or last checked in: nothing to send.</source>
        <translation>副本自签出或上次签入以来没有修改，无需发送。</translation>
    </message>
    <message>
        <source>Choose for the conflicts: keep the copy&apos;s values or take the server&apos;s. Nothing is written until you choose.</source>
        <translation>请为冲突作出选择：保留副本的值，或采用服务器的值。作出选择之前不会写入任何内容。</translation>
    </message>
    <message>
        <source>No conflicts: the edits can be checked in.</source>
        <translation>没有冲突，可以签入修改。</translation>
    </message>
    <message>
        <source>Another row was changed on both sides meanwhile; nothing was written. Choose again.</source>
        <translation>其间又有行在两边都被改动，什么也没有写入。请重新选择。</translation>
    </message>
    <message>
        <source>Copy: %1
Server: %2</source>
        <translation>副本：%1
服务器：%2</translation>
    </message>
    <message>
        <source>Community: %1</source>
        <translation>社区：%1</translation>
    </message>
    <message>
        <source>%1 applied, %2 kept as the server has them, %3 unchanged</source>
        <translation>已应用 %1 行，%2 行保留服务器的值，%3 行无变化</translation>
    </message>
    <message>
        <source>%1 to apply, %2 to keep as the server has them, %4 conflicts, %3 unchanged</source>
        <translation>待应用 %1 行，%2 行保留服务器的值，冲突 %4 行，%3 行无变化</translation>
    </message>
    <message>
        <source>(the whole row)</source>
        <translation>（整行）</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>(present)</source>
        <translation>（存在）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Nothing was written: the edits would break these rules. Correct them in the copy, then check in again.</source>
        <translation>什么也没有写入：这些修改会违反以下规则。请在副本中改正后再签入。</translation>
    </message>
    <message>
        <source>Checked in: %1 row(s) applied on the server, %2 kept as the server has them.</source>
        <translation>已签入：%1 行已应用到服务器，%2 行保留服务器的值。</translation>
    </message>
    <message>
        <source>The copy is up to date with the server: edit on and check in again.</source>
        <translation>副本已与服务器同步：可以继续修改并再次签入。</translation>
    </message>
    <message>
        <source>The copy could not be brought up to date and is marked as checked in: check the community out again for more edits.</source>
        <translation>副本未能与服务器同步，已标记为已签入：如需继续修改，请重新签出该社区。</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Report case</source>
        <translation>登记案件</translation>
    </message>
    <message>
        <source>Dispatch case</source>
        <translation>派发案件</translation>
    </message>
    <message>
        <source>Accept case</source>
        <translation>接单</translation>
    </message>
    <message>
        <source>Submit case for checking</source>
        <translation>提交核查</translation>
    </message>
    <message>
        <source>Close case</source>
        <translation>办结案件</translation>
    </message>
    <message>
        <source>Send case back to handling</source>
        <translation>核查退回</translation>
    </message>
    <message>
        <source>Return case</source>
        <translation>退回案件</translation>
    </message>
    <message>
        <source>Suspend case</source>
        <translation>挂起案件</translation>
    </message>
    <message>
        <source>Resume case</source>
        <translation>恢复案件</translation>
    </message>
    <message>
        <source>Reassign case</source>
        <translation>改派案件</translation>
    </message>
    <message>
        <source>Escalate overdue cases</source>
        <translation>督办超期案件</translation>
    </message>
    <message>
        <source>Edit case</source>
        <translation>修改案件</translation>
    </message>
    <message>
        <source>Add case photos</source>
        <translation>添加案件照片</translation>
    </message>
    <message>
        <source>Remove case photo</source>
        <translation>删除案件照片</translation>
    </message>
    <message>
        <source>Record visit</source>
        <translation>记录走访</translation>
    </message>
    <message>
        <source>Import hotline cases</source>
        <translation>导入热线工单</translation>
    </message>
    <message>
        <source>Edit household</source>
        <translation>修改住户</translation>
    </message>
    <message>
        <source>Edit households</source>
        <translation>批量修改住户</translation>
    </message>
    <message>
        <source>Import household roster</source>
        <translation>导入住户花名册</translation>
    </message>
    <message>
        <source>Add staff member</source>
        <translation>添加工作人员</translation>
    </message>
    <message>
        <source>Edit staff member</source>
        <translation>修改工作人员</translation>
    </message>
    <message>
        <source>Remove staff member</source>
        <translation>移除工作人员</translation>
    </message>
    <message>
        <source>Assign staff</source>
        <translation>分配人员</translation>
    </message>
    <message>
        <source>Remove assignment</source>
        <translation>取消分工</translation>
    </message>
    <message>
        <source>Link households to a party member</source>
        <translation>党员联户</translation>
    </message>
    <message>
        <source>Unlink households</source>
        <translation>取消联户</translation>
    </message>
    <message>
        <source>Import staff roster</source>
        <translation>导入人员分工表</translation>
    </message>
    <message>
        <source>Change building footprint</source>
        <translation>修改楼栋轮廓</translation>
    </message>
    <message>
        <source>Change zone boundary</source>
        <translation>修改网格边界</translation>
    </message>
    <message>
        <source>Split zone</source>
        <translation>分割网格</translation>
    </message>
    <message>
        <source>Merge zones</source>
        <translation>合并网格</translation>
    </message>
    <message>
        <source>Delete zone</source>
        <translation>删除网格</translation>
    </message>
    <message>
        <source>Move zone to another parent</source>
        <translation>调整所属上级</translation>
    </message>
    <message>
        <source>Draw zone</source>
        <translation>绘制网格</translation>
    </message>
    <message>
        <source>Move vertex</source>
        <translation>移动节点</translation>
    </message>
    <message>
        <source>Add vertex</source>
        <translation>添加节点</translation>
    </message>
    <message>
        <source>Delete vertex</source>
        <translation>删除节点</translation>
    </message>
    <message>
        <source>Move buildings to another grid</source>
        <translation>楼栋划入其他网格</translation>
    </message>
    <message>
        <source>Fill gap</source>
        <translation>填补缝隙</translation>
    </message>
    <message>
        <source>Trim zone</source>
        <translation>裁剪网格</translation>
    </message>
    <message>
        <source>Remove overlap</source>
        <translation>去除重叠</translation>
    </message>
    <message>
        <source>Trim to parent</source>
        <translation>裁到上级范围内</translation>
    </message>
    <message>
        <source>Snap vertices</source>
        <translation>吸附节点</translation>
    </message>
    <message>
        <source>Make shape valid</source>
        <translation>修复图形</translation>
    </message>
    <message>
        <source>Link building to its grid</source>
        <translation>楼栋归入所在网格</translation>
    </message>
    <message>
        <source>Regenerate zone codes</source>
        <translation>重新生成网格编码</translation>
    </message>
    <message>
        <source>Renumber zone codes</source>
        <translation>按位置重新编号</translation>
    </message>
    <message>
        <source>Add gate</source>
        <translation>添加出入口</translation>
    </message>
    <message>
        <source>Add checkpoint</source>
        <translation>添加卡点</translation>
    </message>
    <message>
        <source>Add sampling point</source>
        <translation>添加采样点</translation>
    </message>
    <message>
        <source>Add supply point</source>
        <translation>添加物资投放点</translation>
    </message>
    <message>
        <source>Move site point</source>
        <translation>移动现场点位</translation>
    </message>
    <message>
        <source>Edit site point</source>
        <translation>编辑现场点位</translation>
    </message>
    <message>
        <source>Rename site point</source>
        <translation>重命名现场点位</translation>
    </message>
    <message>
        <source>Open gate</source>
        <translation>开放出入口</translation>
    </message>
    <message>
        <source>Close gate</source>
        <translation>封闭出入口</translation>
    </message>
    <message>
        <source>Delete site point</source>
        <translation>删除现场点位</translation>
    </message>
    <message>
        <source>Add route</source>
        <translation>添加路线</translation>
    </message>
    <message>
        <source>Add closed loop</source>
        <translation>添加闭环路线</translation>
    </message>
    <message>
        <source>Add isolation route</source>
        <translation>添加隔离转运路线</translation>
    </message>
    <message>
        <source>Edit route</source>
        <translation>编辑路线</translation>
    </message>
    <message>
        <source>Rename route</source>
        <translation>重命名路线</translation>
    </message>
    <message>
        <source>Reshape route</source>
        <translation>修改路线走向</translation>
    </message>
    <message>
        <source>Delete route</source>
        <translation>删除路线</translation>
    </message>
    <message>
        <source>Partition zone</source>
        <translation>自动划分网格</translation>
    </message>
    <message>
        <source>Rename zone</source>
        <translation>重命名区域</translation>
    </message>
    <message>
        <source>Name grids by serial</source>
        <translation>按序号命名网格</translation>
    </message>
    <message>
        <source>Import features</source>
        <translation>导入要素</translation>
    </message>
    <message>
        <source>Make street office</source>
        <translation>建立街道</translation>
    </message>
    <message>
        <source>Divide along streets</source>
        <translation>沿道路划分</translation>
    </message>
</context>
<context>
    <name>Coordinates</name>
    <message>
        <source>a coordinate is not a number</source>
        <translation>有坐标不是数值</translation>
    </message>
    <message>
        <source>a coordinate is not a number ({x}, {y})</source>
        <translation>有坐标不是数值（{x}, {y}）</translation>
    </message>
    <message>
        <source>a coordinate lies far outside the area {crs} covers</source>
        <translation>有坐标远在 {crs} 的范围之外</translation>
    </message>
    <message>
        <source>a coordinate ({x}, {y}) lies far outside the area {crs} covers</source>
        <translation>有坐标（{x}, {y}）远在 {crs} 的范围之外</translation>
    </message>
    <message>
        <source>a coordinate lies far outside any coordinate system&apos;s range</source>
        <translation>有坐标远超任何坐标系的范围</translation>
    </message>
    <message>
        <source>a coordinate ({x}, {y}) lies far outside any coordinate system&apos;s range</source>
        <translation>有坐标（{x}, {y}）远超任何坐标系的范围</translation>
    </message>
</context>
<context>
    <name>DrawZoneTool</name>
    <message>
        <source>a zone needs at least three corners: click them, then double-click</source>
        <translation>区域至少需要三个角点：请依次点击，然后双击结束</translation>
    </message>
    <message>
        <source>no %1 lies here to hold the new %2: draw it inside one</source>
        <translation>这里没有%1可容纳新的%2：请在%1内绘制</translation>
    </message>
</context>
<context>
    <name>Edits</name>
    <message>
        <source>a {what} needs a name</source>
        <translation>{what}需要名称</translation>
    </message>
    <message>
        <source>a site point is one of {kinds}, not {kind!r}</source>
        <translation>现场点位的类型只能是出入口、卡点、采样点或物资投放点</translation>
    </message>
    <message>
        <source>a route is one of {kinds}, not {kind!r}</source>
        <translation>路线的类型只能是路线、闭环路线或隔离转运路线</translation>
    </message>
    <message>
        <source>a gate is {states}, not {state!r}</source>
        <translation>出入口只能是开放或封闭</translation>
    </message>
    <message>
        <source>only gates are open or closed, not a {kind}</source>
        <translation>只有出入口才分开放和封闭</translation>
    </message>
    <message>
        <source>a site point needs one position</source>
        <translation>现场点位需要一个位置</translation>
    </message>
    <message>
        <source>a route is a line, not a {kind}</source>
        <translation>路线须为线</translation>
    </message>
    <message>
        <source>a closed loop needs at least three distinct points</source>
        <translation>闭环路线至少需要三个不同的点</translation>
    </message>
    <message>
        <source>a route needs at least two distinct points</source>
        <translation>路线至少需要两个不同的点</translation>
    </message>
    <message>
        <source>the {what} lies outside the street office&apos;s area</source>
        <translation>{what}位于街道范围之外</translation>
    </message>
    <message>
        <source>there is no {what} {key}</source>
        <translation>没有编号为 {key} 的{what}</translation>
    </message>
    <message>
        <source>households have no editable field {field!r}</source>
        <translation>住户的这一项不能在此修改</translation>
    </message>
    <message>
        <source>cannot both add and remove {tags}</source>
        <translation>不能同时添加和移除标记：{tags}</translation>
    </message>
    <message>
        <source>a staff member needs a name</source>
        <translation>工作人员需要姓名</translation>
    </message>
    <message>
        <source>{phone} is neither an 11-digit mobile nor a landline with its area code</source>
        <translation>{phone} 既不是11位手机号，也不是带区号的固定电话</translation>
    </message>
    <message>
        <source>{name} ({phone}) is already on the roster</source>
        <translation>{name}（{phone}）已在人员名单中</translation>
    </message>
    <message>
        <source>staff are assigned to {targets}, not {target!r}</source>
        <translation>工作人员只能分派到区域、楼栋、单元或现场点位</translation>
    </message>
    <message>
        <source>an assignment needs a role</source>
        <translation>分工需要填写职务</translation>
    </message>
    <message>
        <source>{name} is already {role} there</source>
        <translation>{name}已是该处的{role}</translation>
    </message>
    <message>
        <source>the new {table} shape is empty or invalid</source>
        <translation>新的{table}形状为空或无效</translation>
    </message>
    <message>
        <source>the new {table} shape is not of its kind: {problem}</source>
        <translation>新的{table}形状类型不对</translation>
    </message>
    <message>
        <source>the building or the grid is gone</source>
        <translation>该楼栋或网格已不存在</translation>
    </message>
    <message>
        <source>a case&apos;s {what} is one of {choices}, not {value!r}</source>
        <translation>案件的{what}应为{choices}之一，不能是 {value!r}</translation>
    </message>
    <message>
        <source>a case needs a place: a point on the map, a building or a household</source>
        <translation>案件需要一个位置：地图上的一点、一栋楼或一户</translation>
    </message>
    <message>
        <source>case {number} is {status}: it cannot be {action}</source>
        <translation>案件 {number} 当前为“{status}”，不能“{action}”</translation>
    </message>
    <message>
        <source>{action} needs the person the case goes to</source>
        <translation>“{action}”需要指定承办人</translation>
    </message>
    <message>
        <source>no open case is past its deadline</source>
        <translation>没有超期未办结的案件</translation>
    </message>
    <message>
        <source>a visit needs at least one household</source>
        <translation>走访至少要包含一户</translation>
    </message>
    <message>
        <source>site point</source>
        <translation>现场点位</translation>
    </message>
    <message>
        <source>route</source>
        <translation>路线</translation>
    </message>
    <message>
        <source>household</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>staff member</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>no phone</source>
        <translation>无电话</translation>
    </message>
    <message>
        <source>case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>visit</source>
        <translation>走访</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open S&amp;hared Project…</source>
        <translation>打开共享项目(&amp;H)…</translation>
    </message>
    <message>
        <source>Open a project kept on the office&apos;s database server, which several desks edit at once</source>
        <translation>打开保存在街道办数据库服务器上、多人同时编辑的项目</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Re&amp;load from Disk</source>
        <translation>重新载入(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;People and Rights…</source>
        <translation>人员与权限(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Save a &amp;Local Copy…</source>
        <translation>另存为本地副本(&amp;L)…</translation>
    </message>
    <message>
        <source>Re&amp;load from the Server</source>
        <translation>从服务器重新载入(&amp;L)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>gridmap projects (*.gpkg)</source>
        <translation>gridmap 项目 (*.gpkg)</translation>
    </message>
    <message>
        <source>shared project</source>
        <translation>共享项目</translation>
    </message>
    <message>
        <source>Save a local copy</source>
        <translation>另存为本地副本</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
</context>
<context>
    <name>FileWatch</name>
    <message>
        <source>Reloaded: another program changed the project</source>
        <translation>已重新载入：另一个程序修改了项目</translation>
    </message>
    <message>
        <source>Change not saved</source>
        <translation>修改未保存</translation>
    </message>
    <message>
        <source>Another program has changed the project file since it was opened here.</source>
        <translation>本窗口打开项目后，另一个程序修改了项目文件。</translation>
    </message>
    <message>
        <source>The project file has been replaced by another file while it was open here.</source>
        <translation>项目文件在本窗口打开期间被另一个文件替换了。</translation>
    </message>
    <message>
        <source>The project file has been deleted or moved while it was open here.</source>
        <translation>项目文件在本窗口打开期间被删除或移走了。</translation>
    </message>
    <message>
        <source>Your last change was not saved.</source>
        <translation>刚才的修改没有保存。</translation>
    </message>
    <message>
        <source>Project file changed</source>
        <translation>项目文件已变化</translation>
    </message>
    <message>
        <source>Reload shows the file as it is now (the undo history is cleared). Until then, changes made here are not saved.</source>
        <translation>“重新载入”显示文件现在的内容（撤销记录将清空）。在此之前，本窗口中的修改不会保存。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>Save As keeps what is shown here in a new file.</source>
        <translation>“另存为”把本窗口显示的内容保存为新文件。</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Not Now</source>
        <translation>暂不处理</translation>
    </message>
</context>
<context>
    <name>GisActions</name>
    <message>
        <source>Import Layer…</source>
        <translation>导入图层…</translation>
    </message>
    <message>
        <source>Export as GeoPackage…</source>
        <translation>导出为 GeoPackage…</translation>
    </message>
    <message>
        <source>Export as Shapefiles…</source>
        <translation>导出为 Shapefile…</translation>
    </message>
    <message>
        <source>Export as GeoJSON…</source>
        <translation>导出为 GeoJSON…</translation>
    </message>
    <message>
        <source>Export as Excel Workbook…</source>
        <translation>导出为 Excel 工作簿…</translation>
    </message>
    <message>
        <source>Export Offline Web Map…</source>
        <translation>导出离线网页地图…</translation>
    </message>
    <message>
        <source>New Project from GIS File…</source>
        <translation>由 GIS 文件新建项目…</translation>
    </message>
    <message>
        <source>&amp;GIS Data</source>
        <translation>GIS 数据(&amp;G)</translation>
    </message>
    <message>
        <source>New Project from GIS File</source>
        <translation>由 GIS 文件新建项目</translation>
    </message>
    <message>
        <source>GIS files (%1)</source>
        <translation>GIS 文件 (%1)</translation>
    </message>
    <message>
        <source>Save the New Project as</source>
        <translation>新项目保存为</translation>
    </message>
    <message>
        <source>gridmap project (*.gpkg)</source>
        <translation>gridmap 项目 (*.gpkg)</translation>
    </message>
    <message>
        <source>Cannot make the project</source>
        <translation>无法新建项目</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <source>Imported %1 features (Ctrl+Z takes them back)</source>
        <translation>已导入 %1 个要素（按 Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>Folder for the layers</source>
        <translation>图层保存文件夹</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Written to %1: %2</source>
        <translation>已写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>GisImport</name>
    <message>
        <source>the source has no readable shape for it</source>
        <translation>源文件中没有它可读的图形</translation>
    </message>
    <message>
        <source>a {kind} is not a line</source>
        <translation>{kind}不是线</translation>
    </message>
    <message>
        <source>a {kind} is not a polygon</source>
        <translation>{kind}不是面</translation>
    </message>
    <message>
        <source>in the project&apos;s coordinate system {problem}</source>
        <translation>换算到项目坐标系后{problem}</translation>
    </message>
    <message>
        <source>nothing of its kind is left once repaired</source>
        <translation>修复后没有剩下所需类型的图形</translation>
    </message>
    <message>
        <source>{column}: cut to {length} characters</source>
        <translation>{column}：截短为 {length} 个字符</translation>
    </message>
    <message>
        <source>{column}: control characters replaced by spaces</source>
        <translation>{column}：控制字符已换成空格</translation>
    </message>
    <message>
        <source>{column} {value} is not a whole number from {least} to {most}: {default} used</source>
        <translation>{column} {value} 不是 {least} 到 {most} 之间的整数：已改用 {default}</translation>
    </message>
    <message>
        <source>width {value} is not a street width in metres (up to {most}): {default} m, its class&apos;s, used</source>
        <translation>宽度 {value} 不是以米计的道路宽度（最大 {most}）：已改用该道路等级的宽度 {default} 米</translation>
    </message>
    <message>
        <source>point</source>
        <translation>点</translation>
    </message>
    <message>
        <source>line</source>
        <translation>线</translation>
    </message>
    <message>
        <source>polygon</source>
        <translation>面</translation>
    </message>
    <message>
        <source>multipoint</source>
        <translation>多点</translation>
    </message>
    <message>
        <source>multiline</source>
        <translation>多线</translation>
    </message>
    <message>
        <source>multipolygon</source>
        <translation>多面</translation>
    </message>
    <message>
        <source>geometry collection</source>
        <translation>几何集合</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>图形</translation>
    </message>
    <message>
        <source>{name} ({kind})</source>
        <translation>{name}（{kind}）</translation>
    </message>
    <message>
        <source>points</source>
        <translation>点</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>线</translation>
    </message>
    <message>
        <source>polygons</source>
        <translation>面</translation>
    </message>
    <message>
        <source>mixed shapes</source>
        <translation>多种图形</translation>
    </message>
    <message>
        <source>no shapes</source>
        <translation>无图形</translation>
    </message>
    <message>
        <source>OSM points (shops, entrances…)</source>
        <translation>OSM 点要素（商店、出入口等）</translation>
    </message>
    <message>
        <source>OSM lines (streets, paths…)</source>
        <translation>OSM 线要素（道路、小路等）</translation>
    </message>
    <message>
        <source>OSM routes</source>
        <translation>OSM 路线</translation>
    </message>
    <message>
        <source>OSM areas (buildings, land use…)</source>
        <translation>OSM 面要素（建筑、用地等）</translation>
    </message>
    <message>
        <source>OSM other relations</source>
        <translation>OSM 其他关系</translation>
    </message>
    <message>
        <source>from the .cpg file ({label})</source>
        <translation>取自 .cpg 文件（{label}）</translation>
    </message>
    <message>
        <source>the .cpg file says {label}</source>
        <translation>.cpg 文件标明为 {label}</translation>
    </message>
    <message>
        <source>the .cpg file says {label}, which names no encoding</source>
        <translation>.cpg 文件标明为 {label}，这不是一种文字编码</translation>
    </message>
    <message>
        <source>DBF language id {ldid}: {meaning}</source>
        <translation>DBF 语言标识 {ldid}：{meaning}</translation>
    </message>
    <message>
        <source>the DBF language id {ldid} says {meaning}</source>
        <translation>DBF 语言标识 {ldid} 表示{meaning}</translation>
    </message>
    <message>
        <source>DBF language id {ldid} is not one gridmap knows</source>
        <translation>gridmap 不认识 DBF 语言标识 {ldid}</translation>
    </message>
    <message>
        <source>the text is plain ASCII; read as UTF-8</source>
        <translation>文字全是 ASCII 字符，按 UTF-8 读取</translation>
    </message>
    <message>
        <source>the text decodes as {codec}</source>
        <translation>文字按 {codec} 解码无误</translation>
    </message>
    <message>
        <source>the text decodes as {codec}, not as {failed}</source>
        <translation>文字按 {codec} 解码无误，按 {failed} 则不能</translation>
    </message>
    <message>
        <source>{claim}, but 1 text value does not decode as {declared}; the text decodes as {codec}, so that overrides it</source>
        <translation>{claim}，但有 1 个文字值不能按 {declared} 解码；文字按 {codec} 解码无误，因此改用 {codec}</translation>
    </message>
    <message>
        <source>{claim}, but {count} text values do not decode as {declared}; the text decodes as {codec}, so that overrides it</source>
        <translation>{claim}，但有 {count} 个文字值不能按 {declared} 解码；文字按 {codec} 解码无误，因此改用 {codec}</translation>
    </message>
    <message>
        <source>{claim}, but a single-byte code page accepts any bytes; the text decodes as {codec}, so that overrides it</source>
        <translation>{claim}，但单字节代码页什么字节都能接受；文字按 {codec} 解码无误，因此改用 {codec}</translation>
    </message>
    <message>
        <source>no encoding decodes every text value; {codec} fails on the fewest ({failed} of {total} non-ASCII text values)</source>
        <translation>没有一种编码能解码全部文字值；{codec} 出错最少（{total} 个非 ASCII 文字值中 {failed} 个）</translation>
    </message>
    <message>
        <source>{detail}; {note}</source>
        <translation>{detail}；{note}</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first}或{second}</translation>
    </message>
    <message>
        <source>US MS-DOS</source>
        <translation>美国 MS-DOS</translation>
    </message>
    <message>
        <source>international MS-DOS</source>
        <translation>国际 MS-DOS</translation>
    </message>
    <message>
        <source>Windows ANSI</source>
        <translation>Windows ANSI</translation>
    </message>
    <message>
        <source>Japanese Shift-JIS</source>
        <translation>日文 Shift-JIS</translation>
    </message>
    <message>
        <source>GBK</source>
        <translation>GBK</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韩文</translation>
    </message>
    <message>
        <source>Big5</source>
        <translation>Big5</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>泰文</translation>
    </message>
    <message>
        <source>ANSI (the writer&apos;s Windows code page, taken as 1252)</source>
        <translation>ANSI（写入方 Windows 的代码页，按 1252 处理）</translation>
    </message>
    <message>
        <source>Western European ANSI</source>
        <translation>西欧 ANSI</translation>
    </message>
    <message>
        <source>Spanish ANSI</source>
        <translation>西班牙文 ANSI</translation>
    </message>
    <message>
        <source>Big5 (Windows)</source>
        <translation>Big5（Windows）</translation>
    </message>
    <message>
        <source>Korean (Windows)</source>
        <translation>韩文（Windows）</translation>
    </message>
    <message>
        <source>PRC GBK (code page 936)</source>
        <translation>简体中文 GBK（代码页 936）</translation>
    </message>
    <message>
        <source>Japanese (Windows)</source>
        <translation>日文（Windows）</translation>
    </message>
    <message>
        <source>Thai (Windows)</source>
        <translation>泰文（Windows）</translation>
    </message>
    <message>
        <source>Eastern European (Windows)</source>
        <translation>东欧（Windows）</translation>
    </message>
    <message>
        <source>Russian (Windows)</source>
        <translation>俄文（Windows）</translation>
    </message>
    <message>
        <source>{part} of this shapefile is missing</source>
        <translation>缺少该 Shapefile 的{part}</translation>
    </message>
    <message>
        <source>copy {part_file} next to {file}; a shapefile is several files</source>
        <translation>请把 {part_file} 复制到 {file} 所在的文件夹：一个 Shapefile 由多个文件组成</translation>
    </message>
    <message>
        <source>there is no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>GDAL cannot read it ({error})</source>
        <translation>GDAL 无法读取该文件</translation>
    </message>
    <message>
        <source>check that the file is complete and of a GIS format (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, OpenStreetMap .pbf/.osm)</source>
        <translation>请确认文件完整，且为 GIS 格式（GeoPackage、Shapefile、GeoJSON、FlatGeobuf、OpenStreetMap .pbf/.osm）</translation>
    </message>
    <message>
        <source>it has no layer with geometry</source>
        <translation>文件中没有含几何图形的图层</translation>
    </message>
    <message>
        <source>choose a file with points, lines or polygons</source>
        <translation>请选择含点、线或面的文件</translation>
    </message>
    <message>
        <source>it has no layer named {layer!r}</source>
        <translation>文件中没有名为“{layer}”的图层</translation>
    </message>
    <message>
        <source>its layers are: {layers}</source>
        <translation>其中的图层：{layers}</translation>
    </message>
    <message>
        <source>{encoding!r} is not a text encoding</source>
        <translation>“{encoding}”不是文字编码</translation>
    </message>
    <message>
        <source>give one such as GBK, GB18030 or UTF-8, or leave it out to have it found</source>
        <translation>请指定 GBK、GB18030 或 UTF-8 等编码，或留空让程序自动识别</translation>
    </message>
    <message>
        <source>GDAL cannot read layer {layer!r} ({error})</source>
        <translation>GDAL 无法读取图层“{layer}”</translation>
    </message>
    <message>
        <source>layer {layer!r} is empty</source>
        <translation>图层“{layer}”为空</translation>
    </message>
    <message>
        <source>choose another layer or file</source>
        <translation>请选择其他图层或文件</translation>
    </message>
    <message>
        <source>GDAL stopped reading layer {layer!r} ({error})</source>
        <translation>GDAL 读取图层“{layer}”时中断</translation>
    </message>
    <message>
        <source>the file may be truncated or damaged</source>
        <translation>文件可能不完整或已损坏</translation>
    </message>
    <message>
        <source>is a folder, not a shapefile.</source>
        <translation>这是一个文件夹，不是 Shapefile</translation>
    </message>
    <message>
        <source>Choose the .shp file inside it.</source>
        <translation>请选择其中的 .shp 文件</translation>
    </message>
    <message>
        <source>does not exist.</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>has no attribute table: {stem}.dbf is missing from its folder.</source>
        <translation>缺少属性表：所在文件夹中没有 {stem}.dbf</translation>
    </message>
    <message>
        <source>Copy the .dbf that came with the .shp next to it.</source>
        <translation>请把与 .shp 一起提供的 .dbf 文件复制到 .shp 所在的文件夹</translation>
    </message>
    <message>
        <source>cannot be read: {error}.</source>
        <translation>无法读取该文件：可能没有读取权限，或磁盘出错</translation>
    </message>
    <message>
        <source>is too short to be a DBF table ({size} bytes; its header alone takes 32).</source>
        <translation>文件太短，不是有效的 DBF 属性表（只有 {size} 字节，仅表头就需要 32 字节）</translation>
    </message>
    <message>
        <source>is not a valid DBF table: its header claims {claimed} bytes but the file has {size}.</source>
        <translation>不是有效的 DBF 属性表：表头声明占 {claimed} 字节，而整个文件共 {size} 字节</translation>
    </message>
    <message>
        <source>is not a valid DBF table: its list of fields has no end marker.</source>
        <translation>不是有效的 DBF 属性表：字段列表缺少结束标记</translation>
    </message>
    <message>
        <source>is not a valid DBF table: its fields take {width} bytes per record but the header says {claimed}.</source>
        <translation>不是有效的 DBF 属性表：各字段每条记录共占 {width} 字节，而表头写的是 {claimed} 字节</translation>
    </message>
    <message>
        <source>is cut short: the header promises {promised} records but the file ends after {whole}.</source>
        <translation>文件不完整：表头声明有 {promised} 条记录，但文件在第 {whole} 条之后就结束了</translation>
    </message>
    <message>
        <source>Copy the shapefile again from its source; all its files (.shp, .shx, .dbf, .prj, .cpg) belong together.</source>
        <translation>请从来源处重新复制该 Shapefile：它的各个文件（.shp、.shx、.dbf、.prj、.cpg）须放在一起</translation>
    </message>
    <message>
        <source>{file}: no feature of layer {layer!r} has a shape</source>
        <translation>{file}：图层“{layer}”中没有任何带图形的要素</translation>
    </message>
    <message>
        <source>{path} exists already: a new project needs a new file</source>
        <translation>{path} 已存在：新项目需要一个新文件</translation>
    </message>
    <message>
        <source>the index (.shx)</source>
        <translation>索引文件（.shx）</translation>
    </message>
    <message>
        <source>the attribute table (.dbf)</source>
        <translation>属性表（.dbf）</translation>
    </message>
    <message>
        <source>Unknown coordinate reference system {text!r}: give an EPSG code such as &apos;EPSG:4547&apos;, WKT or a PROJ string.</source>
        <translation>无法识别坐标系“{text}”：请填写 EPSG 代码（例如 EPSG:4547），或完整的坐标系定义文本。</translation>
    </message>
    <message>
        <source>({lon}, {lat}) is not a longitude, latitude in degrees.</source>
        <translation>（{lon}, {lat}）不是以度为单位的经纬度。</translation>
    </message>
    <message>
        <source>The {offset} offset applies to longitude and latitude, but the source CRS {crs!r} is projected: leave the offset out or give a geographic source CRS.</source>
        <translation>地图偏移只适用于经纬度坐标，而源数据使用的是投影坐标系：请把“地图偏移”设为“无”，或指定经纬度坐标系（例如 EPSG:4490）。</translation>
    </message>
    <message>
        <source>Cannot transform from {source!r} to {target!r}: {error}</source>
        <translation>无法把坐标从“{source}”换算到“{target}”。</translation>
    </message>
    <message>
        <source>{count} coordinates, the first ({x}, {y}), cannot be expressed in {crs!r}: check the source CRS.</source>
        <translation>有 {count} 个坐标（第一个为 {x}, {y}）无法换算到坐标系“{crs}”中：请检查源数据的坐标系。</translation>
    </message>
    <message>
        <source>{file} declares no coordinate system: give one with --crs (for example EPSG:4490 for CGCS2000 longitude/latitude)</source>
        <translation>{file} 未声明坐标系：请在“坐标系”一栏中指定，例如 EPSG:4490（CGCS2000 经纬度）。</translation>
    </message>
    <message>
        <source>None of the {count} shapes can be placed in the project&apos;s coordinate system EPSG:{srs_id}: check the source&apos;s coordinate system (give it with --crs).</source>
        <translation>没有一个图形能放入项目坐标系 EPSG:{srs_id} 的范围（共 {count} 个）：请检查源数据的坐标系，可在“坐标系”一栏中指定。</translation>
    </message>
    <message>
        <source>{file} declares no coordinate system: give one (for example EPSG:4490)</source>
        <translation>{file} 未声明坐标系，无法据此确定新项目的坐标系：请为该文件补上坐标系（例如 Shapefile 的 .prj 文件）后重试。</translation>
    </message>
    <message>
        <source>Unknown coordinate offset {offset!r}: use &apos;gcj02&apos; or &apos;bd09&apos;.</source>
        <translation>无法识别地图偏移“{offset}”：请使用 gcj02 或 bd09。</translation>
    </message>
    <message>
        <source>Removing the {name} offset did not converge after {steps} steps (worst miss {worst} degrees); check that the coordinates are longitude, latitude in degrees.</source>
        <translation>去除 {name} 偏移的计算在 {steps} 步后仍未收敛（最大误差 {worst} 度）：请确认坐标是以度为单位的经纬度。</translation>
    </message>
</context>
<context>
    <name>HierarchyModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>住户</translation>
    </message>
</context>
<context>
    <name>HierarchyPanel</name>
    <message>
        <source>Open Colour Plan</source>
        <translation>打开九色动态图</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Boundary</source>
        <translation>边界</translation>
    </message>
    <message>
        <source>Footprint</source>
        <translation>轮廓</translation>
    </message>
    <message>
        <source>Centre line</source>
        <translation>中心线</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Route line</source>
        <translation>线路</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redone</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Changed (personal information, not shown here)</source>
        <translation>已修改（个人信息，此处不显示）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>Moved %1 m</source>
        <translation>移动了 %1 m</translation>
    </message>
    <message>
        <source>Changed: length %1 → %2 m</source>
        <translation>已修改：长度 %1 → %2 m</translation>
    </message>
    <message>
        <source>Changed: area %1 → %2 %3 (%4)</source>
        <translation>已修改：面积 %1 → %2 %3（%4）</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Show past boundaries on the map</source>
        <translation>在地图上显示历史边界</translation>
    </message>
    <message>
        <source>Draw the shapes it had before each edit as dashed outlines; pick an edit in the list to see the shape before it</source>
        <translation>用虚线画出每次修改前的形状；在列表中选中一次修改，可单独查看修改前的形状</translation>
    </message>
    <message>
        <source>No edits recorded</source>
        <translation>暂无修改记录</translation>
    </message>
    <message>
        <source>%1 earlier edits are not listed</source>
        <translation>更早的 %1 次修改未列出</translation>
    </message>
</context>
<context>
    <name>Hotline</name>
    <message>
        <source>the address is blank</source>
        <translation>地址为空</translation>
    </message>
    <message>
        <source>{place} is not a community or compound of the project</source>
        <translation>{place} 不是本项目中的社区或小区</translation>
    </message>
    <message>
        <source>the address {address} names no building</source>
        <translation>地址“{address}”未写明楼栋</translation>
    </message>
    <message>
        <source>there is no building {building} in {place}</source>
        <translation>{place}没有 {building}</translation>
    </message>
    <message>
        <source>there is no building {building} in the project</source>
        <translation>本项目中没有 {building}</translation>
    </message>
    <message>
        <source>{count} buildings match {building} ({buildings}): add the compound to the address</source>
        <translation>有 {count} 栋楼与 {building} 相符（{buildings}）：请在地址中写明小区</translation>
    </message>
    <message>
        <source>{building} has no room {room}: the case is placed at the building</source>
        <translation>{building}没有 {room} 室：案件定位到该楼栋</translation>
    </message>
    <message>
        <source>{building} has a room {room} in {count} units: the case is placed at the building</source>
        <translation>{building}有 {count} 个单元都有 {room} 室：案件定位到该楼栋</translation>
    </message>
    <message>
        <source>the description is blank</source>
        <translation>问题描述为空</translation>
    </message>
    <message>
        <source>the description is {length:,} characters long; a description may have {most:,}</source>
        <translation>问题描述长 {length:,} 个字符，最多 {most:,} 个</translation>
    </message>
    <message>
        <source>the work-order number is {length:,} characters long; it may have {most:,}</source>
        <translation>工单编号长 {length:,} 个字符，最多 {most:,} 个</translation>
    </message>
    <message>
        <source>the caller&apos;s name is {length:,} characters long; it may have {most:,}</source>
        <translation>来电人姓名长 {length:,} 个字符，最多 {most:,} 个</translation>
    </message>
    <message>
        <source>the address is {length:,} characters long; it may have {most:,}</source>
        <translation>地址长 {length:,} 个字符，最多 {most:,} 个</translation>
    </message>
    <message>
        <source>the category {value} is not one of {choices}</source>
        <translation>问题类别“{value}”不在 {choices} 之中</translation>
    </message>
    <message>
        <source>the urgency {value} is not one of {choices}</source>
        <translation>紧急程度“{value}”不在 {choices} 之中</translation>
    </message>
    <message>
        <source>the source {value} is not one of {choices}</source>
        <translation>来源“{value}”不在 {choices} 之中</translation>
    </message>
    <message>
        <source>the call time is blank</source>
        <translation>来电时间为空</translation>
    </message>
    <message>
        <source>the call time {value} is not a time like 2026-11-03 08:15</source>
        <translation>来电时间“{value}”不是时间，应写作 2026-11-03 08:15</translation>
    </message>
    <message>
        <source>the call time {value} is in the future</source>
        <translation>来电时间“{value}”晚于当前时间</translation>
    </message>
    <message>
        <source>the phone {value} is neither an 11-digit mobile nor a landline with its area code (0371-61234567)</source>
        <translation>联系电话“{value}”既不是 11 位手机号，也不是带区号的固定电话（如 0371-61234567）</translation>
    </message>
    <message>
        <source>the work order {number} is also on row {row}</source>
        <translation>工单 {number} 与第 {row} 行重复</translation>
    </message>
    <message>
        <source>the work order {number} is already a case of the project</source>
        <translation>工单 {number} 已是本项目中的案件</translation>
    </message>
    <message>
        <source>to import</source>
        <translation>待导入</translation>
    </message>
    <message>
        <source>error</source>
        <translation>有错误</translation>
    </message>
</context>
<context>
    <name>HouseholdEditor</name>
    <message>
        <source>Click a room to choose it; Shift+click chooses the rectangle from the last room, Ctrl+click adds or removes one, dragging chooses a rectangle; arrows move, Shift+arrows extend, Ctrl+A takes every room.</source>
        <translation>单击选择一个房间；Shift+单击选择从上一个房间起的矩形范围，Ctrl+单击增减一个房间，拖动可框选；方向键移动，Shift+方向键扩展选择，Ctrl+A 全选。</translation>
    </message>
    <message>
        <source>Who lives there: 常住, 租户, 空户 or 在外 (— leaves each as it is)</source>
        <translation>居住状态：常住、租户、空户或在外（“—”表示各户保持原样）</translation>
    </message>
    <message>
        <source>People living in the household (— leaves each as it is)</source>
        <translation>该户居住人数（“—”表示各户保持原样）</translation>
    </message>
    <message>
        <source>The party member who looks after the household (党员联户)</source>
        <translation>联系该户的党员（党员联户）</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>需跟进</translation>
    </message>
    <message>
        <source>The household waits for a follow-up visit</source>
        <translation>该户需要再次走访跟进</translation>
    </message>
    <message>
        <source>Checked today</source>
        <translation>今日已走访</translation>
    </message>
    <message>
        <source>Record today&apos;s visit as the last check</source>
        <translation>将今天记为最近走访日期</translation>
    </message>
    <message>
        <source>A note on the household, for the staff only</source>
        <translation>关于该户的备注，仅工作人员可见</translation>
    </message>
    <message>
        <source>A click on a tag sets it on every chosen room; a second click clears it.</source>
        <translation>单击标签即为所有选中房间加上该标签，再次单击则全部去掉。</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Save occupancy, people, follow-up, visit and note for the chosen rooms, as one step that Undo takes back</source>
        <translation>保存所选房间的居住状态、人数、跟进、走访和备注，作为一步操作，可撤销</translation>
    </message>
    <message>
        <source>The project is open read-only: the households can be looked at, not changed.</source>
        <translation>项目以只读方式打开：住户信息只能查看，不能修改。</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>居住状态</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Party member</source>
        <translation>联户党员</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Set or clear %1 on every chosen room (one undoable step)</source>
        <translation>为所有选中房间加上或去掉“%1”（一步操作，可撤销）</translation>
    </message>
    <message>
        <source>No room chosen</source>
        <translation>未选择房间</translation>
    </message>
    <message>
        <source>%1 rooms: %2</source>
        <translation>%1 个房间：%2</translation>
    </message>
    <message>
        <source>None linked</source>
        <translation>未联户</translation>
    </message>
    <message>
        <source>%1: %2 households</source>
        <translation>%1：%2 户</translation>
    </message>
    <message>
        <source>none linked: %1 households</source>
        <translation>未联户：%1 户</translation>
    </message>
    <message>
        <source>Last checked</source>
        <translation>走访日期</translation>
    </message>
    <message>
        <source> (undone)</source>
        <translation>（已撤销）</translation>
    </message>
</context>
<context>
    <name>HouseholdRosterActions</name>
    <message>
        <source>&amp;Import Household Roster…</source>
        <translation>导入住户花名册(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export Household Roster…</source>
        <translation>导出住户花名册(&amp;E)…</translation>
    </message>
    <message>
        <source>Save Roster &amp;Template…</source>
        <translation>保存花名册模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Import Household Roster</source>
        <translation>导入住户花名册</translation>
    </message>
    <message>
        <source>Workbooks (%1)</source>
        <translation>工作簿 (%1)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Roster not imported</source>
        <translation>花名册未导入</translation>
    </message>
    <message>
        <source>Imported %1 rows of %2; Undo takes them all back.</source>
        <translation>已导入 %2 的 %1 行；撤销可全部恢复。</translation>
    </message>
    <message>
        <source>Export Household Roster</source>
        <translation>导出住户花名册</translation>
    </message>
    <message>
        <source>Wrote %1 households to %2 (no names, phones, tags or notes)</source>
        <translation>已将 %1 户写入 %2（不含姓名、电话、标签和备注）</translation>
    </message>
    <message>
        <source>Save Roster Template</source>
        <translation>保存花名册模板</translation>
    </message>
</context>
<context>
    <name>ImportLayerDialog</name>
    <message>
        <source>Import GIS Layer</source>
        <translation>导入 GIS 图层</translation>
    </message>
    <message>
        <source>GeoPackage, Shapefile, GeoJSON, FlatGeobuf, OpenStreetMap .pbf/.osm</source>
        <translation>GeoPackage、Shapefile、GeoJSON、FlatGeobuf、OpenStreetMap .pbf/.osm</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Streets</source>
        <translation>道路</translation>
    </message>
    <message>
        <source>Compounds</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Grids (level %1)</source>
        <translation>网格（第 %1 级）</translation>
    </message>
    <message>
        <source>Micro-grids (level %1)</source>
        <translation>微网格（第 %1 级）</translation>
    </message>
    <message>
        <source>Communities (level %1)</source>
        <translation>社区（第 %1 级）</translation>
    </message>
    <message>
        <source>Street office (level %1)</source>
        <translation>街道（第 %1 级）</translation>
    </message>
    <message>
        <source>from the file (or e.g. EPSG:4490)</source>
        <translation>取自文件（或填写如 EPSG:4490）</translation>
    </message>
    <message>
        <source>none (surveyed or GPS data)</source>
        <translation>无（测绘或 GPS 数据）</translation>
    </message>
    <message>
        <source>GCJ-02 (Amap, Tencent)</source>
        <translation>GCJ-02（高德、腾讯）</translation>
    </message>
    <message>
        <source>BD-09 (Baidu)</source>
        <translation>BD-09（百度）</translation>
    </message>
    <message>
        <source>found automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Also features outside the street office</source>
        <translation>也导入街道范围以外的要素</translation>
    </message>
    <message>
        <source>Read and Preview</source>
        <translation>读取并预览</translation>
    </message>
    <message>
        <source>Choose a file, then Read and Preview.</source>
        <translation>请选择文件，然后点“读取并预览”。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>处理情况</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Layer of the file</source>
        <translation>文件中的图层</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Zones at</source>
        <translation>区划层级</translation>
    </message>
    <message>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <source>Map offset</source>
        <translation>地图偏移</translation>
    </message>
    <message>
        <source>Shapefile text</source>
        <translation>Shapefile 文字编码</translation>
    </message>
    <message>
        <source>Name column</source>
        <translation>名称字段</translation>
    </message>
    <message>
        <source>Building number column</source>
        <translation>楼号字段</translation>
    </message>
    <message>
        <source>Floors column</source>
        <translation>层数字段</translation>
    </message>
    <message>
        <source>Units column</source>
        <translation>单元数字段</translation>
    </message>
    <message>
        <source>Kind column</source>
        <translation>类型字段</translation>
    </message>
    <message>
        <source>Households per floor column</source>
        <translation>每层户数字段</translation>
    </message>
    <message>
        <source>Code column</source>
        <translation>编码字段</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>GIS files (%1)</source>
        <translation>GIS 文件 (%1)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Reading was cancelled; nothing was imported.</source>
        <translation>已取消读取，未导入任何内容。</translation>
    </message>
    <message>
        <source>from the file: %1</source>
        <translation>取自文件：%1</translation>
    </message>
    <message>
        <source>%1 features to import; %2 repaired, %3 left out, %4 outside the street office.</source>
        <translation>将导入 %1 个要素；修复 %2 个，略去 %3 个，街道范围外 %4 个。</translation>
    </message>
    <message>
        <source>Text: %1</source>
        <translation>文字编码：%1</translation>
    </message>
    <message>
        <source>repaired: %1</source>
        <translation>已修复：%1</translation>
    </message>
    <message>
        <source>left out: %1</source>
        <translation>已略去：%1</translation>
    </message>
    <message>
        <source>outside the street office</source>
        <translation>在街道范围以外</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
</context>
<context>
    <name>Layers</name>
    <message>
        <source>Grid fill</source>
        <translation>网格底色</translation>
    </message>
    <message>
        <source>Compounds</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Streets</source>
        <translation>道路</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Zone boundaries</source>
        <translation>网格边界</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>路线</translation>
    </message>
    <message>
        <source>Gates and service points</source>
        <translation>出入口与服务点</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Cases per grid</source>
        <translation>网格案件密度</translation>
    </message>
</context>
<context>
    <name>LiveUpdates</name>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>The database server cannot be reached: changes made now are not saved. gridmap tries again every few seconds and says when it is back.</source>
        <translation>无法连接数据库服务器：现在所做的修改不会保存。gridmap 每隔几秒重试一次，恢复连接时会提示。</translation>
    </message>
    <message>
        <source>Not saved: the database server cannot be reached (offline). Make the change again once it is back.</source>
        <translation>未保存：无法连接数据库服务器（离线）。恢复连接后请重新修改。</translation>
    </message>
    <message>
        <source>Not undone</source>
        <translation>未撤销</translation>
    </message>
    <message>
        <source>Not redone</source>
        <translation>未重做</translation>
    </message>
    <message>
        <source>Change not saved</source>
        <translation>修改未保存</translation>
    </message>
    <message>
        <source>The database server cannot be reached: offline. Changes cannot be saved until it is back.</source>
        <translation>无法连接数据库服务器：已离线。恢复连接之前，修改无法保存。</translation>
    </message>
    <message>
        <source>The database server can be reached again: back online, with the other desks&apos; changes made meanwhile.</source>
        <translation>数据库服务器已恢复连接：重新在线，期间其他人所做的修改已显示。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Hierarchy</source>
        <translation>网格层级</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Staff Roster</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作量</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Changes made here are not saved. File ▸ Reload (F5) makes the project editable once no other program holds it.</source>
        <translation>在此所做的修改不会保存。其他程序释放项目后，“文件 ▸ 重新载入”（F5）即可编辑。</translation>
    </message>
    <message>
        <source>&amp;About gridmap</source>
        <translation>关于 gridmap(&amp;A)</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Household &amp;Roster</source>
        <translation>住户花名册(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Staff</source>
        <translation>人员(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>&amp;Cases</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <source>About gridmap</source>
        <translation>关于 gridmap</translation>
    </message>
    <message>
        <source>&lt;b&gt;gridmap %1&lt;/b&gt;&lt;p&gt;Community grid governance GIS: grids, buildings, households and staff on one map.&lt;/p&gt;</source>
        <translation>&lt;b&gt;gridmap %1&lt;/b&gt;&lt;p&gt;社区网格化治理地理信息系统：网格、楼栋、住户与人员尽在一张图。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已另存为 %1</translation>
    </message>
    <message>
        <source>Cannot save a local copy</source>
        <translation>无法保存本地副本</translation>
    </message>
    <message>
        <source>A local copy was saved as %1; this window stays on the server</source>
        <translation>本地副本已保存为 %1；本窗口仍连接服务器上的共享项目</translation>
    </message>
</context>
<context>
    <name>MapToolActions</name>
    <message>
        <source>&amp;Browse and Select</source>
        <translation>浏览与选择(&amp;B)</translation>
    </message>
    <message>
        <source>Edit &amp;Vertices</source>
        <translation>编辑节点(&amp;V)</translation>
    </message>
    <message>
        <source>S&amp;plit Grid</source>
        <translation>分割网格(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Paint Buildings into a Grid</source>
        <translation>楼栋划入网格(&amp;P)</translation>
    </message>
    <message>
        <source>Dra&amp;w a Zone</source>
        <translation>绘制区域(&amp;W)</translation>
    </message>
    <message>
        <source>Drag a vertex (a square; orange squares are shared by neighbouring zones and move in all of them). Double-click a boundary to add a vertex, right-click a vertex to delete it.</source>
        <translation>拖动节点（方块；橙色方块为相邻区域共用，会一起移动）。双击边界添加节点，右键点击节点删除。</translation>
    </message>
    <message>
        <source>Click where the cut starts, then where it ends.</source>
        <translation>先点击分割线的起点，再点击终点。</translation>
    </message>
    <message>
        <source>Click a grid to paint with, then click buildings, drag a box around them or Shift-drag a lasso.</source>
        <translation>先点击要划入的网格，再点击楼栋、拖框框选，或按住 Shift 拖动画套索圈选。</translation>
    </message>
    <message>
        <source>Painting with %1: click buildings to move them into it</source>
        <translation>正在划入“%1”：点击楼栋即划入该网格</translation>
    </message>
    <message>
        <source>%1: %2 buildings, %3 households</source>
        <translation>%1：%2 栋，%3 户</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Not done: %1</source>
        <translation>未执行：%1</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <source>New Case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>As reported, e.g. 新华街 5-2-301</source>
        <translation>按反映的地址填写，如 新华街 5-2-301</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>反映人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Select a building or a household, or click a point on the map, before reporting a case there.</source>
        <translation>请先选择楼栋或住户，或在地图上点击一个位置，再上报案件。</translation>
    </message>
    <message>
        <source>The case needs a place: select a building or a household, or click a point on the map.</source>
        <translation>案件需要位置：请选择楼栋或住户，或在地图上点击一个位置。</translation>
    </message>
    <message>
        <source>Say what the case is about.</source>
        <translation>请填写问题描述。</translation>
    </message>
    <message>
        <source>%1 is neither an 11-digit mobile nor a landline with its area code (0371-61234567).</source>
        <translation>%1 既不是11位手机号，也不是带区号的固定电话（0371-61234567）。</translation>
    </message>
</context>
<context>
    <name>OfficeActions</name>
    <message>
        <source>Street Office from the Buildings&apos; &amp;Outline…</source>
        <translation>按楼栋外围轮廓生成街道(&amp;O)…</translation>
    </message>
    <message>
        <source>The area the buildings stand in, with a margin of 10 m</source>
        <translation>楼栋所在的范围，外留 10 米</translation>
    </message>
    <message>
        <source>Street Office from the Data&apos;s &amp;Extent…</source>
        <translation>按数据范围生成街道(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Draw the Street Office</source>
        <translation>绘制街道(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Import Boundaries…</source>
        <translation>导入边界(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Communities along Main Roads…</source>
        <translation>沿主要道路划分社区(&amp;C)…</translation>
    </message>
    <message>
        <source>Draw a C&amp;ommunity</source>
        <translation>绘制社区(&amp;O)</translation>
    </message>
    <message>
        <source>Import &amp;Buildings…</source>
        <translation>导入楼栋(&amp;B)…</translation>
    </message>
    <message>
        <source>Draw at &amp;Level</source>
        <translation>按层级绘制(&amp;L)</translation>
    </message>
    <message>
        <source>Street &amp;Office and Communities</source>
        <translation>街道与社区(&amp;O)</translation>
    </message>
    <message>
        <source>Drawing a %1: click its corners, double-click or press Enter to finish; two points on one boundary follow it. Edit ▸ Draw at Level changes the level.</source>
        <translation>正在绘制%1：依次点击各角点，双击或按回车结束；同一边界上的两点之间沿边界走。“编辑 ▸ 绘制层级”可更换层级。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Name of the new %1:</source>
        <translation>新%1的名称：</translation>
    </message>
    <message>
        <source>%1 is the street office already: change its boundary with Edit Vertices, or delete it first.</source>
        <translation>%1 已是街道：请用“编辑节点”修改其边界，或先将其删除。</translation>
    </message>
    <message>
        <source>The project has no buildings to take the outline of: import buildings first (File ▸ GIS Data ▸ Import Layer).</source>
        <translation>项目中还没有楼栋，无法取轮廓：请先导入楼栋（文件 ▸ GIS 数据 ▸ 导入图层）。</translation>
    </message>
    <message>
        <source>Cannot make the street office</source>
        <translation>无法生成街道</translation>
    </message>
    <message>
        <source>Street office %1 made (Ctrl+Z takes it back). Next: its communities, along main roads, drawn or imported.</source>
        <translation>已生成街道 %1（Ctrl+Z 可撤销）。下一步：划分社区——沿主要道路、绘制或导入。</translation>
    </message>
    <message>
        <source>There is no street office to divide yet: make it first (from the buildings&apos; outline, drawn, or imported).</source>
        <translation>还没有可划分的街道：请先生成街道（取楼栋轮廓、绘制或导入）。</translation>
    </message>
    <message>
        <source>%1 has communities already: merge or delete them, or draw more.</source>
        <translation>%1 已有社区：可合并或删除，或继续绘制。</translation>
    </message>
    <message>
        <source>Main and secondary roads (主干路, 次干路)</source>
        <translation>主干路和次干路</translation>
    </message>
    <message>
        <source>Main roads only (主干路)</source>
        <translation>仅主干路</translation>
    </message>
    <message>
        <source>Communities along Main Roads</source>
        <translation>沿主要道路划分社区</translation>
    </message>
    <message>
        <source>Divide %1 along:</source>
        <translation>沿哪类道路划分%1：</translation>
    </message>
    <message>
        <source>No road of those classes crosses %1: choose more of them, import streets, or draw the communities.</source>
        <translation>没有这几类道路穿过%1：请多选几类道路、导入道路，或直接绘制社区。</translation>
    </message>
    <message>
        <source>The project has no streets to divide %1 along: import them (File ▸ GIS Data ▸ Import Layer), or draw the communities.</source>
        <translation>项目中还没有道路，无法沿道路划分%1：请先导入道路（文件 ▸ GIS 数据 ▸ 导入图层），或直接绘制社区。</translation>
    </message>
    <message>
        <source>No building stands in %1: import buildings before dividing it.</source>
        <translation>%1 内没有楼栋：请先导入楼栋再划分。</translation>
    </message>
    <message>
        <source>Cannot divide %1</source>
        <translation>无法划分%1</translation>
    </message>
    <message>
        <source>Those roads do not divide %1: choose more of them, or draw the communities.</source>
        <translation>这些道路不能把%1分开：请多选几类道路，或直接绘制社区。</translation>
    </message>
    <message>
        <source>%1 divided into %2 communities, numbered in reading order (Ctrl+Z takes them back); merge pieces with Edit ▸ Merge Zone with…</source>
        <translation>%1 已划分为 %2 个社区，按从北到南、从西到东编号（Ctrl+Z 可撤销）；可用“编辑 ▸ 合并区域…”合并。</translation>
    </message>
    <message>
        <source>Street Office and Communities</source>
        <translation>街道与社区</translation>
    </message>
</context>
<context>
    <name>OpenSharedDialog</name>
    <message>
        <source>Open Shared Project</source>
        <translation>打开共享项目</translation>
    </message>
    <message>
        <source>Servers a shared project was opened from: pick one to fill in the fields</source>
        <translation>曾经打开过共享项目的服务器：选中一个即可填好各项</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Take the picked server off the list (and its password, if kept)</source>
        <translation>从列表中移除选中的服务器（如保存了密码，一并删除）</translation>
    </message>
    <message>
        <source>name or IP address, e.g. 192.168.1.10</source>
        <translation>服务器名称或 IP 地址，例如 192.168.1.10</translation>
    </message>
    <message>
        <source>Remember the password (in this computer&apos;s secure keyring)</source>
        <translation>记住密码（保存在本机系统的安全密码库中）</translation>
    </message>
    <message>
        <source>This computer has no secure place to keep passwords, so the password is not remembered: it is asked each time the project is opened.</source>
        <translation>本机没有安全的密码保存位置，因此不会记住密码：每次打开项目时都需要输入。</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Servers used before</source>
        <translation>用过的服务器</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Fill in the %1.</source>
        <translation>请填写%1。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>OutputSaved</name>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>%1 is saved in the folder:
%2</source>
        <translation>%1 已保存到文件夹：
%2</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 个</translation>
    </message>
    <message>
        <source>%1 files are saved in the folder:
%2</source>
        <translation>%1 个文件已保存到文件夹：
%2</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Open File</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 no longer exists: it was moved or deleted since it was saved.</source>
        <translation>%1 已不存在：保存后已被移动或删除。</translation>
    </message>
    <message>
        <source>No program on this computer opens %1.</source>
        <translation>本机没有可打开 %1 的程序。</translation>
    </message>
    <message>
        <source>Cannot Open</source>
        <translation>无法打开</translation>
    </message>
</context>
<context>
    <name>Outputs</name>
    <message>
        <source>This is a gridmap project: writing there would replace its households, staff and map.</source>
        <translation>这是一个 gridmap 项目文件：写到这里会覆盖其中的住户、人员和地图。</translation>
    </message>
    <message>
        <source>Choose another file name.</source>
        <translation>请另选一个文件名。</translation>
    </message>
    <message>
        <source>The folder does not exist.</source>
        <translation>文件夹不存在。</translation>
    </message>
    <message>
        <source>Create the folder first, or choose another.</source>
        <translation>请先创建该文件夹，或另选一个文件夹。</translation>
    </message>
    <message>
        <source>This is a folder.</source>
        <translation>这是一个文件夹。</translation>
    </message>
    <message>
        <source>Give a file name inside it.</source>
        <translation>请在其中指定一个文件名。</translation>
    </message>
    <message>
        <source>This is a file, not a folder.</source>
        <translation>这是一个文件，不是文件夹。</translation>
    </message>
    <message>
        <source>Give a folder for the output (it is made if missing).</source>
        <translation>请为输出指定一个文件夹（不存在时会自动创建）。</translation>
    </message>
    <message>
        <source>The file or its folder is read-only.</source>
        <translation>文件或其所在文件夹是只读的。</translation>
    </message>
    <message>
        <source>Choose a folder you may write to (or ask whoever manages this computer).</source>
        <translation>请选择一个有写入权限的文件夹（或联系这台电脑的管理员）。</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <source>Free some space or choose another disk; any earlier file of that name is unchanged.</source>
        <translation>请清理出一些空间或换一个磁盘；原有的同名文件保持不变。</translation>
    </message>
    <message>
        <source>The name is too long or not allowed.</source>
        <translation>文件名太长或不允许使用。</translation>
    </message>
    <message>
        <source>Choose a shorter name.</source>
        <translation>请另选一个较短的名称。</translation>
    </message>
    <message>
        <source>The file came out incomplete.</source>
        <translation>文件未能完整写出。</translation>
    </message>
    <message>
        <source>Try again, or choose another folder; any earlier file of that name is unchanged.</source>
        <translation>请重试，或另选一个文件夹；原有的同名文件保持不变。</translation>
    </message>
    <message>
        <source>It cannot be written (%1).</source>
        <translation>无法写入（%1）。</translation>
    </message>
    <message>
        <source>Try another folder; any earlier file of that name is unchanged.</source>
        <translation>请换一个文件夹；原有的同名文件保持不变。</translation>
    </message>
</context>
<context>
    <name>PaintTool</name>
    <message>
        <source>click a grid to paint with first</source>
        <translation>请先点击要划入的网格</translation>
    </message>
    <message>
        <source>no building lies wholly inside what was drawn</source>
        <translation>所画范围内没有完整的楼栋</translation>
    </message>
    <message>
        <source>those buildings are in that grid already</source>
        <translation>这些楼栋已在该网格中</translation>
    </message>
</context>
<context>
    <name>Partition</name>
    <message>
        <source>ask for fewer grids</source>
        <translation>请减少网格数</translation>
    </message>
    <message>
        <source>ask for fewer grids, or allow compounds to be split</source>
        <translation>请减少网格数，或允许拆分小区</translation>
    </message>
    <message>
        <source>there is no zone {zone}</source>
        <translation>没有区域 {zone}</translation>
    </message>
    <message>
        <source>{zone} is neither a community nor a grid: communities are partitioned into grids, and grids into micro-grids</source>
        <translation>{zone} 既不是社区也不是网格：只能把社区划分为网格，或把网格划分为微网格</translation>
    </message>
    <message>
        <source>{zone} cannot be partitioned: the level below it, {level}, is neither grids nor micro-grids</source>
        <translation>{zone} 无法划分：其下一级“{level}”既不是网格也不是微网格</translation>
    </message>
    <message>
        <source>{child} holds zones of its own: partition the zones under {zone} one level down, or merge their children first</source>
        <translation>{child} 下还有下级区域：请对 {zone} 的下一级区域分别划分，或先合并其下级区域</translation>
    </message>
    <message>
        <source>only grids of {zone} can be locked</source>
        <translation>只能锁定 {zone} 的网格</translation>
    </message>
    <message>
        <source>{zone} has no grids to rebalance: partition it first</source>
        <translation>{zone} 还没有可重新平衡的网格：请先划分</translation>
    </message>
    <message>
        <source>the locked grids cover all of the zone: nothing is left to divide</source>
        <translation>锁定的网格已覆盖整个区域，没有可划分的部分</translation>
    </message>
    <message>
        <source>{grids} grids in all leaves none beside the {locked} locked</source>
        <translation>共 {grids} 个网格，除去锁定的 {locked} 个已无剩余</translation>
    </message>
    <message>
        <source>say how many grids, or the band of households a grid should hold</source>
        <translation>请指定网格数，或每个网格应含的户数范围</translation>
    </message>
    <message>
        <source>{zone} cannot be divided into {grids} grids: it holds only {pieces} pieces with households (whole compounds and buildings outside them); {advice}</source>
        <translation>{zone} 无法划分为 {grids} 个网格：其中只有 {pieces} 个有住户的单元（不拆分的小区及小区外的楼栋）；{advice}</translation>
    </message>
    <message>
        <source>{zone} cannot be divided into {grids} grids: its {pieces} pieces with households (whole compounds and buildings outside them) do not lie so that every grid, in one piece, gets one; {advice}</source>
        <translation>{zone} 无法划分为 {grids} 个网格：其中 {pieces} 个有住户的单元（不拆分的小区及小区外的楼栋）的分布无法让每个连片的网格各得一个；{advice}</translation>
    </message>
    <message>
        <source>{zone} cannot be divided into {grids} grids: the area is in {pieces} separate pieces; {advice}</source>
        <translation>{zone} 无法划分为 {grids} 个网格：该区域分为 {pieces} 块互不相连的部分；{advice}</translation>
    </message>
    <message>
        <source>{zone} has no grids yet</source>
        <translation>{zone} 还没有网格</translation>
    </message>
    <message>
        <source>{zone} or its buildings changed since the proposal was made: make it again</source>
        <translation>方案生成后 {zone} 或其楼栋已有改动：请重新生成方案</translation>
    </message>
</context>
<context>
    <name>PartitionActions</name>
    <message>
        <source>Partition &amp;Zone…</source>
        <translation>自动划分网格(&amp;Z)…</translation>
    </message>
    <message>
        <source>Divide a zone into grids of balanced households that follow streets</source>
        <translation>将区域划分为住户数均衡、沿街道分界的网格</translation>
    </message>
</context>
<context>
    <name>PartitionDialog</name>
    <message>
        <source>Partition Zone</source>
        <translation>自动划分网格</translation>
    </message>
    <message>
        <source>Number of grids</source>
        <translation>网格数</translation>
    </message>
    <message>
        <source>Household band</source>
        <translation>每格户数范围</translation>
    </message>
    <message>
        <source>Rebalance existing grids (move as few buildings as possible)</source>
        <translation>调整现有网格（尽量少移动楼栋）</translation>
    </message>
    <message>
        <source>Make Proposal</source>
        <translation>生成方案</translation>
    </message>
    <message>
        <source>Choose a zone and how to divide it, then Make Proposal.</source>
        <translation>选择区域和划分方式，然后点击“生成方案”。</translation>
    </message>
    <message>
        <source>Accept Proposal</source>
        <translation>采用方案</translation>
    </message>
    <message>
        <source>Discard Proposal</source>
        <translation>放弃方案</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>划分对象</translation>
    </message>
    <message>
        <source> grids</source>
        <translation> 个网格</translation>
    </message>
    <message>
        <source> households</source>
        <translation> 户</translation>
    </message>
    <message>
        <source>Communities into grids</source>
        <translation>社区划分为网格</translation>
    </message>
    <message>
        <source>Grids into micro-grids</source>
        <translation>网格划分为微网格</translation>
    </message>
    <message>
        <source>Allow compounds to be split</source>
        <translation>允许拆分小区</translation>
    </message>
    <message>
        <source>Automatic (households where the zone has any)</source>
        <translation>自动（有住户数据时按住户）</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>住户数</translation>
    </message>
    <message>
        <source>Estimated from footprint area × floors</source>
        <translation>按占地面积 × 层数估算</translation>
    </message>
    <message>
        <source>Report on Current Grids</source>
        <translation>评估现有网格</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Divide into</source>
        <translation>划分方式</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>允许偏差</translation>
    </message>
    <message>
        <source>Keep as they are</source>
        <translation>保持不变的网格</translation>
    </message>
    <message>
        <source>Weigh buildings by</source>
        <translation>楼栋权重</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Staff posts</source>
        <translation>人员分工</translation>
    </message>
    <message>
        <source>Number of micro-grids</source>
        <translation>微网格数</translation>
    </message>
    <message>
        <source> micro-grids</source>
        <translation> 个微网格</translation>
    </message>
    <message>
        <source>%1 micro-grids</source>
        <translation>%1 个微网格</translation>
    </message>
    <message>
        <source>%1 grids</source>
        <translation>%1 个网格</translation>
    </message>
    <message>
        <source>A dedicated grid keeps its boundary unless you untick it</source>
        <translation>专属网格默认保持不变，取消勾选即可重新划分</translation>
    </message>
    <message>
        <source>The project has no buildings yet: import them (OpenStreetMap, a shapefile…), then make the street office and its communities.</source>
        <translation>项目中还没有楼栋：请先导入（OpenStreetMap、Shapefile 等），再生成街道和社区。</translation>
    </message>
    <message>
        <source>There is no street office yet, so nothing to partition: take it from the buildings&apos; outline, draw it or import it; then divide it into communities.</source>
        <translation>还没有街道，无可划分：请取楼栋轮廓生成、绘制或导入街道，再将其划分为社区。</translation>
    </message>
    <message>
        <source>%1 has no communities yet: divide it along main roads, draw or import them; then partition a community into grids.</source>
        <translation>%1 还没有社区：请沿主要道路划分、绘制或导入社区，再把社区划分为网格。</translation>
    </message>
    <message>
        <source>No building stands in %1: there is nothing to divide. Import buildings, or choose another zone.</source>
        <translation>%1 内没有楼栋，无可划分。请导入楼栋，或选择其他区域。</translation>
    </message>
    <message>
        <source>No grid to partition yet: first partition a community into grids.</source>
        <translation>还没有可划分的网格：请先把社区划分为网格。</translation>
    </message>
    <message>
        <source>No community to partition: where a community&apos;s grids hold micro-grids, partition its grids into micro-grids instead.</source>
        <translation>没有可划分的社区：社区的网格已划分为微网格时，请改为把网格划分为微网格。</translation>
    </message>
    <message>
        <source>Making the proposal…</source>
        <translation>正在生成方案…</translation>
    </message>
    <message>
        <source>Cancelled: no proposal was made and the project is unchanged.</source>
        <translation>已取消：未生成方案，项目未作改动。</translation>
    </message>
    <message>
        <source>Cannot make the proposal: %1</source>
        <translation>无法生成方案：%1</translation>
    </message>
    <message>
        <source>Proposal for %1: %2. Look at it on the map, then Accept or Discard.</source>
        <translation>%1的划分方案：%2。请在地图上查看，然后采用或放弃。</translation>
    </message>
    <message>
        <source>Proposal discarded; the project is unchanged.</source>
        <translation>方案已放弃，项目未作改动。</translation>
    </message>
    <message>
        <source>The current grids of %1 (no proposal).</source>
        <translation>%1的现有网格（未生成方案）。</translation>
    </message>
    <message>
        <source>%1 now has %2 (Ctrl+Z takes the partition back)</source>
        <translation>%1现有 %2（Ctrl+Z 可撤销本次划分）</translation>
    </message>
    <message>
        <source>The zone changed since the proposal was made: make it again.</source>
        <translation>生成方案后该区域已有改动：请重新生成。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>未采用：%1</translation>
    </message>
</context>
<context>
    <name>PartitionPreview</name>
    <message>
        <source>%1: %2 households</source>
        <translation>%1：%2户</translation>
    </message>
</context>
<context>
    <name>PartitionReport</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>住户数</translation>
    </message>
    <message>
        <source>Deviation</source>
        <translation>偏差</translation>
    </message>
    <message>
        <source>Polsby–Popper</source>
        <translation>紧凑度</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>块数</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>From grid</source>
        <translation>原网格</translation>
    </message>
    <message>
        <source>To grid</source>
        <translation>新网格</translation>
    </message>
    <message>
        <source>Outside the band of %1–%2 households</source>
        <translation>超出 %1–%2 户的范围</translation>
    </message>
    <message>
        <source>%1 (locked)</source>
        <translation>%1（保持不变）</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <source>Max deviation from the mean: %1 (band %2–%3 households)</source>
        <translation>与平均户数的最大偏差：%1（范围 %2–%3 户）</translation>
    </message>
    <message>
        <source>Mean compactness (Polsby–Popper): %1</source>
        <translation>平均紧凑度（Polsby–Popper）：%1</translation>
    </message>
    <message>
        <source>Boundary between grids along streets or walls: %1 of %2 m</source>
        <translation>网格间边界沿街道或围墙：%1（共 %2 米）</translation>
    </message>
    <message>
        <source>Compounds split: %1</source>
        <translation>被拆分的小区：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Buildings split: %1</source>
        <translation>被切分的楼栋：%1</translation>
    </message>
    <message>
        <source>Coverage: valid (the grids tile the zone)</source>
        <translation>覆盖：完整（网格无缝无重叠地铺满区域）</translation>
    </message>
    <message>
        <source>Coverage: gaps %1 m², overlaps %2 m², outside the zone %3 m²</source>
        <translation>覆盖：空隙 %1 平方米，重叠 %2 平方米，超出区域 %3 平方米</translation>
    </message>
    <message>
        <source>Some grids are in several pieces (see Parts)</source>
        <translation>部分网格不连片（见“块数”）</translation>
    </message>
    <message>
        <source>Buildings in no grid: %1</source>
        <translation>不属于任何网格的楼栋：%1</translation>
    </message>
    <message>
        <source>Compounds were kept whole: tick “Allow compounds to be split” to let the proposal cut them between buildings</source>
        <translation>小区均保持完整：勾选“允许拆分小区”，方案可在楼栋之间切分小区</translation>
    </message>
    <message>
        <source>Made in %1 s</source>
        <translation>用时 %1 秒</translation>
    </message>
    <message>
        <source>Cut because too big for one grid: %1</source>
        <translation>因超出单个网格容量而拆分：%1</translation>
    </message>
    <message>
        <source>Buildings moved: %1</source>
        <translation>移动的楼栋：%1</translation>
    </message>
    <message>
        <source>Staff posts stay with their grids</source>
        <translation>人员分工随网格保留</translation>
    </message>
    <message>
        <source>Staff posts carried: %1; orphaned (removed): %2</source>
        <translation>转入新网格的人员分工：%1；无去处（删除）：%2</translation>
    </message>
    <message>
        <source>Posts to fill or thin out after applying: %1</source>
        <translation>采用后需补配或调减的岗位：%1</translation>
    </message>
    <message>
        <source>Households estimated from footprint area × floors</source>
        <translation>住户数按占地面积 × 层数估算</translation>
    </message>
    <message>
        <source>exactly %1</source>
        <translation>应为 %1 人</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>至少 %1 人</translation>
    </message>
    <message>
        <source>at most %1</source>
        <translation>至多 %1 人</translation>
    </message>
    <message>
        <source>%1: %2 %3 (wants %4)</source>
        <translation>%1：%2 %3 人（%4）</translation>
    </message>
    <message>
        <source>New grid %1</source>
        <translation>新网格 %1</translation>
    </message>
    <message>
        <source>none: the post is removed</source>
        <translation>无：该分工将删除</translation>
    </message>
</context>
<context>
    <name>PartyPicker</name>
    <message>
        <source>Link to a Party Member</source>
        <translation>党员联户</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1（%2，%3）</translation>
    </message>
    <message>
        <source>no phone</source>
        <translation>无电话</translation>
    </message>
    <message>
        <source>Choose the party member who looks after %1 households of %2 (%3).</source>
        <translation>选择联系 %2 %1 户（%3）的党员。</translation>
    </message>
    <message>
        <source>Remove Link…</source>
        <translation>解除联户…</translation>
    </message>
    <message>
        <source>%1: %2 households</source>
        <translation>%1：%2 户</translation>
    </message>
    <message>
        <source>Now linked to %1. Choosing someone else replaces them.</source>
        <translation>现联系党员：%1。选择其他党员即替换。</translation>
    </message>
    <message>
        <source>Search by name, pinyin initials, phone digits or grid</source>
        <translation>按姓名、拼音首字母、电话号码或网格查找</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Linked households (cap %1)</source>
        <translation>已联系户数（上限 %1）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>This grid: %1</source>
        <translation>本网格：%1</translation>
    </message>
    <message>
        <source>This community: %1</source>
        <translation>本社区：%1</translation>
    </message>
    <message>
        <source>Other communities</source>
        <translation>其他社区</translation>
    </message>
    <message>
        <source>%1, over the cap</source>
        <translation>%1，超上限</translation>
    </message>
    <message>
        <source>Above the cap of %1 households a party member looks after</source>
        <translation>超过每名党员联系 %1 户的上限</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2 人）</translation>
    </message>
    <message>
        <source>No party member matches “%1”.</source>
        <translation>没有与“%1”相符的党员。</translation>
    </message>
    <message>
        <source>%1 party members</source>
        <translation>共 %1 名党员</translation>
    </message>
    <message>
        <source>%1 of %2 party members match</source>
        <translation>%2 名党员中有 %1 名相符</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Party member now</source>
        <translation>现联系党员</translation>
    </message>
    <message>
        <source>After</source>
        <translation>确认后</translation>
    </message>
    <message>
        <source>Link %1 households of %2 to %3?</source>
        <translation>将 %2 的 %1 户交由 %3 联系？</translation>
    </message>
    <message>
        <source>%1 of them are now linked to %2, who is replaced (their load becomes %3).</source>
        <translation>其中 %1 户现由 %2 联系，将被替换（其联系户数将为 %3 户）。</translation>
    </message>
    <message>
        <source>%1 of them are linked to %2 already.</source>
        <translation>其中 %1 户已由%2联系。</translation>
    </message>
    <message>
        <source>%1&apos;s load becomes %2 households (now %3).</source>
        <translation>%1的联系户数将为 %2 户（现为 %3 户）。</translation>
    </message>
    <message>
        <source>These %1 households are linked to %2 already: nothing to change.</source>
        <translation>这 %1 户已由 %2 联系，无需更改。</translation>
    </message>
    <message>
        <source>That is above the cap of %1 households a party member looks after.</source>
        <translation>超过每名党员联系 %1 户的上限。</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>联户</translation>
    </message>
    <message>
        <source>Remove the party member of %1 households of %2?</source>
        <translation>解除 %2 %1 户的党员联户？</translation>
    </message>
    <message>
        <source>%1 gives up %2 households; their load becomes %3.</source>
        <translation>%1不再联系其中 %2 户，联系户数将为 %3 户。</translation>
    </message>
    <message>
        <source>Until a party member is linked, these households show as a problem.</source>
        <translation>在重新联系党员之前，这些住户将列为问题。</translation>
    </message>
    <message>
        <source>Remove Link</source>
        <translation>解除联户</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <source>Floors and rooms beyond sane limits are not drawn ({hidden} households not shown)</source>
        <translation>超出合理范围的楼层和房间未画出（{hidden} 户未显示）</translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <source>Zoom out (Ctrl+-, Ctrl+wheel)</source>
        <translation>缩小（Ctrl+-，Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+=, Ctrl+wheel)</source>
        <translation>放大（Ctrl+=，Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Zoom factor of the plan</source>
        <translation>楼栋图的缩放比例</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <source>Fit the whole plan in the window (Ctrl+0)</source>
        <translation>整幅楼栋图显示在窗口内（Ctrl+0）</translation>
    </message>
    <message>
        <source>Ring the rooms that need attention</source>
        <translation>用亮框标出需要关注的房间</translation>
    </message>
    <message>
        <source>Highlight nothing</source>
        <translation>不高亮</translation>
    </message>
    <message>
        <source>Changed since</source>
        <translation>此日期以来有变更</translation>
    </message>
    <message>
        <source>Waiting for a follow-up</source>
        <translation>需跟进</translation>
    </message>
    <message>
        <source>Not checked for more than (days)</source>
        <translation>超过天数未走访</translation>
    </message>
    <message>
        <source>No party member linked</source>
        <translation>未联户</translation>
    </message>
    <message>
        <source>Ring the rooms changed on or after this day</source>
        <translation>标出此日期（含）以来有变更的房间</translation>
    </message>
    <message>
        <source>Start date:</source>
        <translation>起始日期：</translation>
    </message>
    <message>
        <source>Ring the rooms not checked for more than this many days</source>
        <translation>标出超过此天数未走访的房间</translation>
    </message>
    <message>
        <source>Days:</source>
        <translation>天数：</translation>
    </message>
    <message>
        <source>Mark party links</source>
        <translation>标出党员联户</translation>
    </message>
    <message>
        <source>A red corner on each room whose household a party member looks after (党员联户)</source>
        <translation>有党员联系的住户（党员联户），房间右上角标红</translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <source>Highlight:</source>
        <translation>突出显示：</translation>
    </message>
    <message>
        <source>%1 no longer exists: an undo or an edit removed it</source>
        <translation>%1 已不存在：已被撤销或其他修改删除</translation>
    </message>
    <message>
        <source>Compound Sheet</source>
        <translation>整院图</translation>
    </message>
    <message>
        <source>Every building of this compound side by side, in a window of its own</source>
        <translation>本小区所有楼栋并排显示，单独一个窗口</translation>
    </message>
    <message>
        <source>Link to Party Member…</source>
        <translation>党员联户…</translation>
    </message>
    <message>
        <source>党员联户: the chosen rooms are looked after by one party member</source>
        <translation>党员联户：所选住户由一名党员联系</translation>
    </message>
</context>
<context>
    <name>PlanWindow</name>
    <message>
        <source>Colour Plan</source>
        <translation>九色动态图</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>Print Three Charts…</source>
        <translation>打印三张图…</translation>
    </message>
    <message>
        <source>The three charts (三张图) of a compound or of all: PDF, PNG or printer</source>
        <translation>打印一个或全部小区的三张图：PDF、PNG 或打印机</translation>
    </message>
    <message>
        <source>Export Map View…</source>
        <translation>导出地图视图…</translation>
    </message>
    <message>
        <source>The map as shown, on an A3 sheet: PDF or PNG</source>
        <translation>将当前地图视图排版到 A3 图纸：PDF 或 PNG</translation>
    </message>
    <message>
        <source>Export Map View</source>
        <translation>导出地图视图</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;PNG image (*.png)</source>
        <translation>PDF (*.pdf);;PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Cannot export the map</source>
        <translation>无法导出地图</translation>
    </message>
    <message>
        <source>Map written to %1</source>
        <translation>地图已保存到 %1</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print Three Charts</source>
        <translation>打印三张图</translation>
    </message>
    <message>
        <source>This compound:</source>
        <translation>本小区：</translation>
    </message>
    <message>
        <source>All compounds (%1)</source>
        <translation>全部小区（%1 个）</translation>
    </message>
    <message>
        <source>1 Grid division of labour</source>
        <translation>图1 网格分工布局图</translation>
    </message>
    <message>
        <source>2 Closed-loop management</source>
        <translation>图2 闭环管理示意图</translation>
    </message>
    <message>
        <source>3 Buildings</source>
        <translation>图3 小区楼栋示意图</translation>
    </message>
    <message>
        <source>Chart 3 with the nine-colour plans</source>
        <translation>图3 附九色动态图</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <source>Public wall: no resident data, phones masked unless public</source>
        <translation>公开版（上墙）：不含居民信息，非公开电话隐去中间四位</translation>
    </message>
    <message>
        <source>Internal: everything, stamped 内部资料</source>
        <translation>内部版：信息完整，加盖“内部资料”</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>One PDF for all compounds</source>
        <translation>全部小区合并为一个 PDF</translation>
    </message>
    <message>
        <source>Also PNG images at</source>
        <translation>另存 PNG 图片，分辨率</translation>
    </message>
    <message>
        <source>Compounds</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图件</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>For</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>PDF folder</source>
        <translation>PDF 保存位置</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>预览…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>Charts are drawn from the project as it is now; the date of the data is printed.</source>
        <translation>图件按项目的当前数据绘制，图上注明数据日期。</translation>
    </message>
    <message>
        <source>Sheets after chart 3 with each building&apos;s nine-colour plan, six to a sheet, flat by flat: for internal use only.</source>
        <translation>图3 后附各楼栋的九色动态图，每页六栋，逐户显示：仅供内部使用。</translation>
    </message>
    <message>
        <source>Chart 3 with building cards (public: nothing flat by flat)</source>
        <translation>图3 附楼栋卡片（公开版不含逐户情况）</translation>
    </message>
    <message>
        <source>Sheets after chart 3 with a card for each building, six to a sheet: floors, units, households counted and the people responsible. A public wall shows no flat&apos;s occupancy; the nine-colour plans are printed on internal charts only.</source>
        <translation>图3 后附各楼栋的卡片，每页六栋：层数、单元数、户数及负责人。公开张贴不显示各户居住情况；九色动态图仅在内部版中打印。</translation>
    </message>
    <message>
        <source>Internal charts</source>
        <translation>内部版图件</translation>
    </message>
    <message>
        <source>Internal charts show unmasked phone numbers and sensitive household marks. They are stamped 内部资料 and must not be posted where the public can see them. Print internal charts?</source>
        <translation>内部版图件显示完整电话号码和敏感住户标记，加盖“内部资料”，不得在公众可见处张贴。确定打印内部版吗？</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Printing %1…</source>
        <translation>正在打印 %1…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Stopping after the sheet in hand…</source>
        <translation>正在停止（完成当前一页后停止）…</translation>
    </message>
    <message>
        <source>Cannot write the charts</source>
        <translation>无法写入图件</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Check all</source>
        <translation>全部检查</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>No problems: every rule holds</source>
        <translation>没有问题：所有规则均满足</translation>
    </message>
    <message>
        <source>%1 overdue case(s), %2 grid(s) under the visit target</source>
        <translation>逾期案件 %1 件，走访未达标网格 %2 个</translation>
    </message>
    <message>
        <source>Overdue case</source>
        <translation>逾期案件</translation>
    </message>
    <message>
        <source>%1 h late</source>
        <translation>超期 %1 小时</translation>
    </message>
    <message>
        <source>Visits under the target</source>
        <translation>走访未达标</translation>
    </message>
    <message>
        <source>%1: %2 of %3 households visited in %4 days</source>
        <translation>%1：近 %4 天走访 %2 户，共 %3 户</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>未执行：%1</translation>
    </message>
    <message>
        <source>Zoom To</source>
        <translation>定位</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>选中</translation>
    </message>
    <message>
        <source>Copy Description</source>
        <translation>复制说明</translation>
    </message>
    <message>
        <source>That problem has changed since the list was made; the list is checked again: %1</source>
        <translation>该问题在列表生成后已有变化，已重新检查：%1</translation>
    </message>
</context>
<context>
    <name>ProjectFile</name>
    <message>
        <source>The file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <source>Check the path and try again.</source>
        <translation>请检查路径后重试。</translation>
    </message>
    <message>
        <source>This file is not a GeoPackage (.gpkg) project.</source>
        <translation>此文件不是 GeoPackage（.gpkg）项目文件。</translation>
    </message>
    <message>
        <source>To bring in other data, use File ▸ GIS Data ▸ Import.</source>
        <translation>导入其他数据请使用“文件 ▸ GIS 数据 ▸ 导入”。</translation>
    </message>
    <message>
        <source>This GeoPackage is not a gridmap project, or lacks its tables.</source>
        <translation>此 GeoPackage 不是 gridmap 项目，或缺少项目数据表。</translation>
    </message>
    <message>
        <source>To use its layers, create a project and import them.</source>
        <translation>如需使用其中的图层，请新建项目后导入。</translation>
    </message>
    <message>
        <source>The project was saved by a newer gridmap.</source>
        <translation>该项目由更新版本的 gridmap 保存。</translation>
    </message>
    <message>
        <source>Update gridmap to open it. The file was not changed.</source>
        <translation>请升级 gridmap 后再打开。文件未被修改。</translation>
    </message>
    <message>
        <source>The file is damaged and cannot be read.</source>
        <translation>文件已损坏，无法读取。</translation>
    </message>
    <message>
        <source>Open a backup copy.</source>
        <translation>请打开备份副本。</translation>
    </message>
    <message>
        <source>Another program is using the project.</source>
        <translation>另一个程序正在使用该项目。</translation>
    </message>
    <message>
        <source>Close it there, or wait until that program has finished, and try again.</source>
        <translation>请在那里关闭它，或等该程序结束后再试。</translation>
    </message>
    <message>
        <source>The project file or its folder is read-only.</source>
        <translation>项目文件或其所在文件夹是只读的。</translation>
    </message>
    <message>
        <source>Copy it to a folder you may write to.</source>
        <translation>请把它复制到有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>The file holds database objects gridmap did not make.</source>
        <translation>文件中含有不是 gridmap 创建的数据库对象。</translation>
    </message>
    <message>
        <source>Open it read-only, or remove them (gridmap repair).</source>
        <translation>请以只读方式打开，或移除这些对象（gridmap repair）。</translation>
    </message>
    <message>
        <source>A program stopped in the middle of saving this file; it is not damaged, but must be put back in order first.</source>
        <translation>有程序在保存此文件的中途停止了；文件没有损坏，但需要先恢复完整。</translation>
    </message>
    <message>
        <source>Open it for editing once, or ask whoever may write to it to do so.</source>
        <translation>请以编辑方式打开一次，或请有写入权限的人这样做。</translation>
    </message>
    <message>
        <source>The file cannot be opened.</source>
        <translation>无法打开该文件。</translation>
    </message>
    <message>
        <source>The project is open read-only.</source>
        <translation>项目以只读方式打开。</translation>
    </message>
    <message>
        <source>Save a copy in a folder you may write to (File ▸ Save As), or reload it once no other program holds it.</source>
        <translation>请把副本保存到有写入权限的文件夹（文件 ▸ 另存为），或在其他程序释放项目后重新载入。</translation>
    </message>
    <message>
        <source>The project file has become read-only.</source>
        <translation>项目文件已变为只读。</translation>
    </message>
    <message>
        <source>Save a copy in a folder you may write to (File ▸ Save As), or remove the write protection.</source>
        <translation>请把副本保存到有写入权限的文件夹（文件 ▸ 另存为），或取消写保护。</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <source>Free some space on the disk, then do it again.</source>
        <translation>请清理磁盘空间后再做一次。</translation>
    </message>
    <message>
        <source>Another program is writing to the project file.</source>
        <translation>另一个程序正在写入项目文件。</translation>
    </message>
    <message>
        <source>Wait a moment and do it again.</source>
        <translation>请稍候再做一次。</translation>
    </message>
    <message>
        <source>Someone else changed the same record since you read it.</source>
        <translation>其他人在您读取后修改了同一条记录。</translation>
    </message>
    <message>
        <source>Reload to see their change, then make yours again.</source>
        <translation>请重新加载以查看对方的修改，然后再做一次您的修改。</translation>
    </message>
    <message>
        <source>This offline copy holds the record only as a neighbour, for snapping; it is not yours to change here.</source>
        <translation>此离线副本中的这条记录仅作为相邻区域供吸附参照，不能在此修改。</translation>
    </message>
    <message>
        <source>Change it on the shared project, or ask its community.</source>
        <translation>请在共享项目中修改，或联系其所属社区。</translation>
    </message>
    <message>
        <source>This offline copy has used up the ids set aside for its new records.</source>
        <translation>此离线副本为新记录预留的编号已用完。</translation>
    </message>
    <message>
        <source>Check the copy in (gridmap checkin), then check out a new one.</source>
        <translation>请先签入此副本（gridmap checkin），再重新签出一份。</translation>
    </message>
    <message>
        <source>The project file refused the change.</source>
        <translation>项目文件拒绝了这次修改。</translation>
    </message>
    <message>
        <source>Check the project (Problems panel); if it happens again, the file may be damaged.</source>
        <translation>请检查项目（问题面板）；如果再次出现，文件可能已损坏。</translation>
    </message>
    <message>
        <source>The change could not be saved (the disk failed?).</source>
        <translation>修改无法保存（磁盘故障？）。</translation>
    </message>
    <message>
        <source>Check the disk or network drive, then do it again, or save a copy with File ▸ Save As.</source>
        <translation>请检查磁盘或网络驱动器后再做一次，或用“文件 ▸ 另存为”保存副本。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何修改。</translation>
    </message>
    <message>
        <source>The project could not be saved there.</source>
        <translation>项目无法保存到该位置。</translation>
    </message>
</context>
<context>
    <name>ProjectFiles</name>
    <message>
        <source>Only one program can change a project at a time. You can open it read-only to look at it; once the other program has closed it, Reload (F5) makes it editable.</source>
        <translation>同一时间只能有一个程序修改项目。可以以只读方式打开查看；对方关闭项目后，按“重新载入”（F5）即可编辑。</translation>
    </message>
    <message>
        <source>Project in use</source>
        <translation>项目在使用中</translation>
    </message>
    <message>
        <source>Open Read-Only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>Read-only project</source>
        <translation>只读项目</translation>
    </message>
    <message>
        <source>The project file or its folder is read-only: it opens for viewing only. To edit it, save a copy in a folder you may write to (File ▸ Save As).</source>
        <translation>项目文件或其所在文件夹是只读的，只能查看。如需编辑，请把副本保存到有写入权限的文件夹（文件 ▸ 另存为）。</translation>
    </message>
    <message>
        <source>Values replaced on opening</source>
        <translation>打开时替换的值</translation>
    </message>
    <message>
        <source>%1 stored value(s) could not be read as they were stored (the file was written by another program?). Usable values are shown in their place: a blank date, a default width, a shape left out. Check the places listed below.</source>
        <translation>有 %1 个存储的值无法按原样读取（文件是否被其他程序写入过？）。已改用可用的值显示：日期留空、宽度取默认值、图形不显示。请检查下面列出的位置。</translation>
    </message>
    <message>
        <source>Another gridmap program is editing this project.</source>
        <translation>另一个 gridmap 程序正在编辑此项目。</translation>
    </message>
    <message>
        <source>Another gridmap window</source>
        <translation>另一个 gridmap 窗口</translation>
    </message>
    <message>
        <source>The gridmap command “%1”</source>
        <translation>gridmap 命令“%1”</translation>
    </message>
    <message>
        <source>Another gridmap program</source>
        <translation>另一个 gridmap 程序</translation>
    </message>
    <message>
        <source>%1 is editing this project (user %2 on computer %3, process %4, since %5).</source>
        <translation>在使用中：%1 正在编辑此项目（用户 %2，计算机 %3，进程 %4，自 %5 起）。</translation>
    </message>
    <message>
        <source>Objects gridmap did not make</source>
        <translation>非 gridmap 创建的对象</translation>
    </message>
    <message>
        <source>This file holds %1 database object(s) (triggers, views) that gridmap did not make. Such objects run inside every edit and could delete data or copy personal data into what is printed, so the project opens read-only while they are there.

Remove them if nobody you trust added them on purpose (the project&apos;s own data is kept).</source>
        <translation>此文件含有 %1 个不是 gridmap 创建的数据库对象（触发器、视图）。这类对象会在每次修改时运行，可能删除数据，或把个人信息复制到打印内容中；因此在移除之前，项目只能以只读方式打开。

如果不是您信任的人有意添加的，请移除它们（项目本身的数据会保留）。</translation>
    </message>
    <message>
        <source>Remove Them and Edit</source>
        <translation>移除并编辑</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <source>{table} {key}: </source>
        <translation>{table} {key}：</translation>
    </message>
    <message>
        <source>{table}: </source>
        <translation>{table}：</translation>
    </message>
    <message>
        <source>{where}{field} must say its time zone</source>
        <translation>{where}{field}须注明时区</translation>
    </message>
    <message>
        <source>{table}: a {kind} is not a {record} record</source>
        <translation>{table}：记录类型不对</translation>
    </message>
    <message>
        <source>{table}: the id {key!r} is not a whole number</source>
        <translation>{table}：编号 {key!r} 不是整数</translation>
    </message>
    <message>
        <source>{where}{field} must be {wanted}, not {shown}</source>
        <translation>{where}{field}须为{wanted}</translation>
    </message>
    <message>
        <source>{where}{field} must be a finite number, not {value}</source>
        <translation>{where}{field}须为有限的数值，而不是 {value}</translation>
    </message>
    <message>
        <source>{where}{field} cannot be negative ({value})</source>
        <translation>{where}{field}不能为负数（{value}）</translation>
    </message>
    <message>
        <source>{where}{field} {value} is beyond the sane range {low} to {high}</source>
        <translation>{where}{field} {value} 超出合理范围（{low} 至 {high}）</translation>
    </message>
    <message>
        <source>{table}: {field} must hold names (text), not {kind} {value!r}</source>
        <translation>{table}：{field}须为文字</translation>
    </message>
    <message>
        <source>{where}{field} holds the control character {code}; {allowed}</source>
        <translation>{where}{field}含有控制字符 {code}；{allowed}</translation>
    </message>
    <message>
        <source>only line feeds and tabs are allowed in a note</source>
        <translation>备注中只允许换行和制表符</translation>
    </message>
    <message>
        <source>names hold none (line breaks and tabs included)</source>
        <translation>名称中不能有控制字符（包括换行和制表符）</translation>
    </message>
    <message>
        <source>{where}{field} is {length} characters long; at most {most} are allowed</source>
        <translation>{where}{field}长 {length} 个字符，最多允许 {most} 个</translation>
    </message>
    <message>
        <source>{where}{field} {date} is not a plausible date (from {first} to {last})</source>
        <translation>{where}{field} {date} 不是合理的日期（应在 {first} 至 {last} 之间）</translation>
    </message>
    <message>
        <source>{where}{field} must be one of {allowed}, not {value!r}</source>
        <translation>{where}{field}须为 {allowed} 之一，而不是“{value}”</translation>
    </message>
    <message>
        <source>{where}unknown tag(s) {tags}; define them first</source>
        <translation>{where}有未定义的标记 {tags}：请先定义</translation>
    </message>
    <message>
        <source>{where}the shape must be a {wanted}, not a {kind}</source>
        <translation>{where}形状类型不对</translation>
    </message>
    <message>
        <source>{where}the shape is refused: {problem}</source>
        <translation>{where}形状不能使用：{problem}</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a finite number</source>
        <translation>有限的数值</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>是或否</translation>
    </message>
    <message>
        <source>a date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>a date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>a set of names</source>
        <translation>一组名称</translation>
    </message>
    <message>
        <source>levels</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>tag_defs</source>
        <translation>标记定义</translation>
    </message>
    <message>
        <source>zones</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>compounds</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>buildings</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>units</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>households</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>assignments</source>
        <translation>分工</translation>
    </message>
    <message>
        <source>party_links</source>
        <translation>党员联户</translation>
    </message>
    <message>
        <source>streets</source>
        <translation>道路</translation>
    </message>
    <message>
        <source>site_points</source>
        <translation>现场点位</translation>
    </message>
    <message>
        <source>site_routes</source>
        <translation>路线</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>case_events</source>
        <translation>案件处理记录</translation>
    </message>
    <message>
        <source>case_photos</source>
        <translation>案件照片</translation>
    </message>
    <message>
        <source>visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>visit_households</source>
        <translation>走访住户</translation>
    </message>
    <message>
        <source>change_log</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>name_en</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>color</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>sensitive</source>
        <translation>敏感</translation>
    </message>
    <message>
        <source>position</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>parent_id</source>
        <translation>上级区域</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>parts_allowed</source>
        <translation>允许多块</translation>
    </message>
    <message>
        <source>number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>compound_id</source>
        <translation>所属小区</translation>
    </message>
    <message>
        <source>zone_id</source>
        <translation>所属网格</translation>
    </message>
    <message>
        <source>floors</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>building_id</source>
        <translation>所属楼栋</translation>
    </message>
    <message>
        <source>rooms_per_floor</source>
        <translation>每层户数</translation>
    </message>
    <message>
        <source>unit_id</source>
        <translation>所属单元</translation>
    </message>
    <message>
        <source>floor</source>
        <translation>楼层</translation>
    </message>
    <message>
        <source>room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>occupancy</source>
        <translation>居住状态</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>people</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>last_checked</source>
        <translation>最近核查</translation>
    </message>
    <message>
        <source>follow_up</source>
        <translation>需跟进</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>household_id</source>
        <translation>所属住户</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>id_number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>is_head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>roles</source>
        <translation>职责</translation>
    </message>
    <message>
        <source>community_id</source>
        <translation>所属社区</translation>
    </message>
    <message>
        <source>phone_public</source>
        <translation>公开电话</translation>
    </message>
    <message>
        <source>staff_id</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>target_kind</source>
        <translation>分工对象类型</translation>
    </message>
    <message>
        <source>target_id</source>
        <translation>分工对象</translation>
    </message>
    <message>
        <source>role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>at</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>old</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>label</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>reporter</source>
        <translation>反映人</translation>
    </message>
    <message>
        <source>reporter_phone</source>
        <translation>反映人电话</translation>
    </message>
    <message>
        <source>reported_at</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>assignee_id</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>escalation</source>
        <translation>督办级别</translation>
    </message>
    <message>
        <source>closed_at</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>case_id</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>taken_at</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <source>data</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>visited_on</source>
        <translation>走访日期</translation>
    </message>
    <message>
        <source>visit_id</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>found</source>
        <translation>走访情况</translation>
    </message>
</context>
<context>
    <name>RefusalMarker</name>
    <message>
        <source>Not done</source>
        <translation>未执行</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>未执行：%1</translation>
    </message>
</context>
<context>
    <name>Roster</name>
    <message>
        <source>the building is blank</source>
        <translation>楼栋为空</translation>
    </message>
    <message>
        <source>the room is blank</source>
        <translation>房号为空</translation>
    </message>
    <message>
        <source>there is no community named {community}</source>
        <translation>没有名为 {community} 的社区</translation>
    </message>
    <message>
        <source>there is no compound named {compound}</source>
        <translation>没有名为 {compound} 的小区</translation>
    </message>
    <message>
        <source>there is no building {building} in {place}</source>
        <translation>{place} 没有 {building}</translation>
    </message>
    <message>
        <source>there is no building {building}</source>
        <translation>没有楼栋 {building}</translation>
    </message>
    <message>
        <source>building {building} is in {count} compounds ({compounds}): fill in the compound column</source>
        <translation>{building} 在 {count} 个小区都有（{compounds}）：请填写小区列</translation>
    </message>
    <message>
        <source>{building} has no unit {unit}</source>
        <translation>{building} 没有 {unit}</translation>
    </message>
    <message>
        <source>{place} has no room {room} ({floors} floors, {rooms} rooms a floor)</source>
        <translation>{place} 没有 {room} 室（共 {floors} 层，每层 {rooms} 户）</translation>
    </message>
    <message>
        <source>the floor {value} is not a floor number</source>
        <translation>楼层 {value} 不是楼层数</translation>
    </message>
    <message>
        <source>the occupancy {value} is not one of {choices}</source>
        <translation>居住状态 {value} 不是 {choices} 之一</translation>
    </message>
    <message>
        <source>a new household needs its occupancy</source>
        <translation>新增住户须填写居住状态</translation>
    </message>
    <message>
        <source>unknown tag {tag} (known tags: {choices})</source>
        <translation>未知标签 {tag}（已有标签：{choices}）</translation>
    </message>
    <message>
        <source>the people count {value} is not a whole number from 0 to {most}</source>
        <translation>人数 {value} 不是 0 到 {most} 的整数</translation>
    </message>
    <message>
        <source>an empty household (空户) cannot have {people} people</source>
        <translation>空户不能有 {people} 人</translation>
    </message>
    <message>
        <source>the phone {value} is neither an 11-digit mobile nor a landline with its area code (0371-61234567)</source>
        <translation>电话 {value} 既不是 11 位手机号，也不是带区号的固定电话（如 0371-61234567）</translation>
    </message>
    <message>
        <source>the last-checked date {value} is not a date like 2026-11-03, or is in the future</source>
        <translation>最近走访 {value} 不是 2026-11-03 这样的日期，或是将来的日期</translation>
    </message>
    <message>
        <source>the follow-up value {value} is not 是 or 否</source>
        <translation>需跟进 {value} 不是“是”或“否”</translation>
    </message>
    <message>
        <source>the same household as row {row}</source>
        <translation>与第 {row} 行是同一户</translation>
    </message>
    <message>
        <source>the note is {length:,} characters long; a note may have {most:,}</source>
        <translation>备注长 {length:,} 个字符，备注最多 {most:,} 个字符</translation>
    </message>
    <message>
        <source>the name is {length:,} characters long; a name may have {most:,}</source>
        <translation>姓名长 {length:,} 个字符，姓名最多 {most:,} 个字符</translation>
    </message>
    <message>
        <source>the role is {length:,} characters long; a role may have {most:,}</source>
        <translation>职责长 {length:,} 个字符，职责最多 {most:,} 个字符</translation>
    </message>
    <message>
        <source>the name is blank</source>
        <translation>姓名为空</translation>
    </message>
    <message>
        <source>{name} with this phone is on the roster twice: remove one of them first</source>
        <translation>{name}（此电话）在人员名单中有两条记录：请先删除其中一条</translation>
    </message>
    <message>
        <source>there is no zone with code {code} (deleted or renumbered?)</source>
        <translation>没有编码为 {code} 的网格（已删除或重新编号？）</translation>
    </message>
    <message>
        <source>there is no zone named {zone}</source>
        <translation>没有名为 {zone} 的网格</translation>
    </message>
    <message>
        <source>{count} zones are named {zone}: give the zone code</source>
        <translation>有 {count} 个网格名为 {zone}：请填写网格编码</translation>
    </message>
    <message>
        <source>there is no checkpoint or site point {site}</source>
        <translation>没有名为 {site} 的卡点或点位</translation>
    </message>
    <message>
        <source>{count} site points are called {site}: give the compound</source>
        <translation>有 {count} 个点位名为 {site}：请填写小区</translation>
    </message>
    <message>
        <source>there is no household at {address}</source>
        <translation>{address} 没有住户</translation>
    </message>
    <message>
        <source>{name} is neither on the roster nor in the 分工 sheet</source>
        <translation>{name} 既不在人员名单中，也不在“分工”表中</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>occupancy</source>
        <translation>居住状态</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>people</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>last checked</source>
        <translation>最近走访</translation>
    </message>
    <message>
        <source>follow-up</source>
        <translation>需跟进</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>职责</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>分工数</translation>
    </message>
    <message>
        <source>Linked households</source>
        <translation>联系户数</translation>
    </message>
</context>
<context>
    <name>RosterPanel</name>
    <message>
        <source>Only the selected zone</source>
        <translation>仅所选网格</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Assign to Selection…</source>
        <translation>分配到所选…</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>全部职责</translation>
    </message>
    <message>
        <source>%1 of %2 people</source>
        <translation>%1 / %2 人</translation>
    </message>
</context>
<context>
    <name>RosterPreviewDialog</name>
    <message>
        <source>%1: %3 rows. %4 change what the project has, %5 are new, %6 are unchanged, %7 have errors and will not be imported.</source>
        <translation>%1：共 %3 行。%4 行修改现有数据，%5 行新增，%6 行无变化，%7 行有错误，不会导入。</translation>
    </message>
    <message>
        <source>Columns not imported: %1</source>
        <translation>不导入的列：%1</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Import %1 Rows</source>
        <translation>导入 %1 行</translation>
    </message>
</context>
<context>
    <name>RosterRowsModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Changes or reasons</source>
        <translation>修改内容或错误原因</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>Give the gap to the neighbour with the longest shared edge</source>
        <translation>缝隙并入共边最长的相邻网格</translation>
    </message>
    <message>
        <source>Remove the overlap from the smaller zone</source>
        <translation>从较小的网格中去除重叠部分</translation>
    </message>
    <message>
        <source>Cut off the part outside the parent</source>
        <translation>裁掉超出上级的部分</translation>
    </message>
    <message>
        <source>Snap near-coincident vertices</source>
        <translation>吸附相近节点</translation>
    </message>
    <message>
        <source>Make the shape valid</source>
        <translation>修复无效图形</translation>
    </message>
    <message>
        <source>Link the building to the grid it stands in</source>
        <translation>楼栋归入其所在网格</translation>
    </message>
    <message>
        <source>Invalid shape</source>
        <translation>图形无效</translation>
    </message>
    <message>
        <source>Siblings overlap</source>
        <translation>同级重叠</translation>
    </message>
    <message>
        <source>Gap in the parent</source>
        <translation>上级内有缝隙</translation>
    </message>
    <message>
        <source>Outside its parent</source>
        <translation>超出上级范围</translation>
    </message>
    <message>
        <source>Building cut by a boundary</source>
        <translation>楼栋被边界切开</translation>
    </message>
    <message>
        <source>Building in no grid</source>
        <translation>楼栋不在任何网格内</translation>
    </message>
    <message>
        <source>Building linked to another grid</source>
        <translation>楼栋归属与位置不符</translation>
    </message>
    <message>
        <source>Grid in several pieces</source>
        <translation>网格不连续</translation>
    </message>
    <message>
        <source>Grid without buildings</source>
        <translation>网格内无楼栋</translation>
    </message>
    <message>
        <source>Households outside the band</source>
        <translation>户数超出范围</translation>
    </message>
    <message>
        <source>Too few staff in a role</source>
        <translation>岗位人员不足</translation>
    </message>
    <message>
        <source>Too many staff in a role</source>
        <translation>岗位人员过多</translation>
    </message>
    <message>
        <source>Building without a building head</source>
        <translation>楼栋无楼栋长</translation>
    </message>
    <message>
        <source>Households without a party member</source>
        <translation>住户未联系党员</translation>
    </message>
    <message>
        <source>Households with several party members</source>
        <translation>住户联系多名党员</translation>
    </message>
    <message>
        <source>Party member over the workload cap</source>
        <translation>党员联户数超上限</translation>
    </message>
    <message>
        <source>Malformed staff phone</source>
        <translation>工作人员电话格式不对</translation>
    </message>
    <message>
        <source>Same person entered twice</source>
        <translation>同一人重复录入</translation>
    </message>
    <message>
        <source>Post at a place that no longer exists</source>
        <translation>分工对象已不存在</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>Zone</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Compound</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search: grid, compound, 5号楼, 5-2-301, name or phone</source>
        <translation>搜索：网格、小区、5号楼、5-2-301、姓名或电话</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n 条结果</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shapes</name>
    <message>
        <source>{problem} at {x}, {y}</source>
        <translation>{problem}（位置 {x}, {y}）</translation>
    </message>
    <message>
        <source>Topology Validation Error</source>
        <translation>拓扑错误</translation>
    </message>
    <message>
        <source>Repeated Point</source>
        <translation>重复点</translation>
    </message>
    <message>
        <source>Hole lies outside shell</source>
        <translation>内环（洞）在外环之外</translation>
    </message>
    <message>
        <source>Holes are nested</source>
        <translation>内环相互嵌套</translation>
    </message>
    <message>
        <source>Interior is disconnected</source>
        <translation>内部被内环分隔成互不相连的几块</translation>
    </message>
    <message>
        <source>Self-intersection</source>
        <translation>自相交</translation>
    </message>
    <message>
        <source>Ring Self-intersection</source>
        <translation>环自相交</translation>
    </message>
    <message>
        <source>Nested shells</source>
        <translation>外环相互嵌套</translation>
    </message>
    <message>
        <source>Duplicate Rings</source>
        <translation>环重复</translation>
    </message>
    <message>
        <source>Too few points in geometry component</source>
        <translation>组成部分的点太少</translation>
    </message>
    <message>
        <source>Invalid Coordinate</source>
        <translation>坐标无效</translation>
    </message>
    <message>
        <source>Ring is not closed</source>
        <translation>环未闭合</translation>
    </message>
</context>
<context>
    <name>Shared</name>
    <message>
        <source>The database server cannot be reached.</source>
        <translation>无法连接数据库服务器。</translation>
    </message>
    <message>
        <source>Check the server&apos;s name and port, the network, and that the database server is running.</source>
        <translation>请检查服务器名称和端口、网络，以及数据库服务器是否在运行。</translation>
    </message>
    <message>
        <source>The server refused the user name or password.</source>
        <translation>服务器拒绝了用户名或密码。</translation>
    </message>
    <message>
        <source>Check them, or ask the office&apos;s administrator for an account.</source>
        <translation>请检查后重试，或向街道办管理员申请账号。</translation>
    </message>
    <message>
        <source>The server has no database of that name.</source>
        <translation>服务器上没有这个名称的数据库。</translation>
    </message>
    <message>
        <source>Check the database&apos;s name.</source>
        <translation>请检查数据库名称。</translation>
    </message>
    <message>
        <source>This database holds no gridmap project that can be opened here.</source>
        <translation>这个数据库中没有可在此打开的 gridmap 项目。</translation>
    </message>
    <message>
        <source>Check the database&apos;s name; a project is put there with gridmap publish.</source>
        <translation>请检查数据库名称；项目须先用 gridmap publish 发布到数据库。</translation>
    </message>
    <message>
        <source>The shared project was saved by a newer gridmap.</source>
        <translation>这个共享项目由更新版本的 gridmap 保存。</translation>
    </message>
    <message>
        <source>Update gridmap to open it. Nothing was changed.</source>
        <translation>请升级 gridmap 后再打开。没有做任何修改。</translation>
    </message>
    <message>
        <source>The server does not let this user open the project.</source>
        <translation>服务器不允许这个用户打开项目。</translation>
    </message>
    <message>
        <source>Ask the office&apos;s administrator for access.</source>
        <translation>请向街道办管理员申请访问权限。</translation>
    </message>
    <message>
        <source>The database server has no PostGIS.</source>
        <translation>数据库服务器没有安装空间数据扩展。</translation>
    </message>
    <message>
        <source>Ask the server&apos;s administrator to install it.</source>
        <translation>请服务器管理员安装。</translation>
    </message>
    <message>
        <source>This is not a database server&apos;s address.</source>
        <translation>这不是数据库服务器的地址。</translation>
    </message>
    <message>
        <source>Check the server, port, database and user name.</source>
        <translation>请检查服务器、端口、数据库和用户名。</translation>
    </message>
    <message>
        <source>The server refused the request.</source>
        <translation>服务器拒绝了这个请求。</translation>
    </message>
    <message>
        <source>Nothing was changed. If it happens again, ask the office&apos;s administrator.</source>
        <translation>没有做任何修改。如果再次出现，请联系街道办管理员。</translation>
    </message>
    <message>
        <source>The shared project cannot be opened.</source>
        <translation>无法打开共享项目。</translation>
    </message>
    <message>
        <source>Check the connection and try again.</source>
        <translation>请检查连接后重试。</translation>
    </message>
    <message>
        <source>The shared project is open for viewing only.</source>
        <translation>共享项目以只读方式打开，只能查看。</translation>
    </message>
    <message>
        <source>Open it again from the server to edit it.</source>
        <translation>要编辑，请从服务器重新打开。</translation>
    </message>
    <message>
        <source>The database server cannot be reached (offline).</source>
        <translation>无法连接数据库服务器（离线）。</translation>
    </message>
    <message>
        <source>gridmap reconnects by itself; make the change again once the status bar says the server is back.</source>
        <translation>gridmap 会自动重新连接；状态栏提示恢复连接后，请重新修改。</translation>
    </message>
    <message>
        <source>Someone else changed the same record since you read it.</source>
        <translation>其他人在您读取后修改了同一条记录。</translation>
    </message>
    <message>
        <source>Your view now shows their change; make yours again if it is still needed.</source>
        <translation>现在显示的是对方的修改；如仍需要，请重新修改。</translation>
    </message>
    <message>
        <source>Another desk was saving the same records at that moment.</source>
        <translation>当时另一位同事正在保存同样的记录。</translation>
    </message>
    <message>
        <source>Wait a moment and do it again.</source>
        <translation>请稍候再做一次。</translation>
    </message>
    <message>
        <source>The server does not give you the right to make this change.</source>
        <translation>服务器没有授予您做这项修改的权限。</translation>
    </message>
    <message>
        <source>Edit only your own community, or ask the office&apos;s administrator.</source>
        <translation>请只编辑本社区的数据，或联系街道办管理员。</translation>
    </message>
    <message>
        <source>The server refused the change.</source>
        <translation>服务器拒绝了这项修改。</translation>
    </message>
    <message>
        <source>Reload the project from the server (F5), then make the change again.</source>
        <translation>请从服务器重新载入项目（F5），然后重新修改。</translation>
    </message>
    <message>
        <source>The change could not be saved on the server.</source>
        <translation>修改无法保存到服务器。</translation>
    </message>
    <message>
        <source>Do it again; if it happens again, reload the project from the server (F5).</source>
        <translation>请再做一次；如果再次出现，请从服务器重新载入项目（F5）。</translation>
    </message>
    <message>
        <source>Your change was not saved.</source>
        <translation>您的修改没有保存。</translation>
    </message>
    <message>
        <source>%1 was changed by %2%3 since you read it. Your change was not saved, so that their work is not written over.</source>
        <translation>%1 在您读取之后已被 %2 修改%3。为了不覆盖对方的工作，您的修改没有保存。</translation>
    </message>
    <message>
        <source>%1 was changed by %2%3 after your step. Undo takes back only your own steps, never someone else&apos;s work, so nothing was undone.</source>
        <translation>%1 在您这一步之后已被 %2 修改%3。撤销只撤回您自己的操作，不会撤掉别人的工作，因此没有撤销。</translation>
    </message>
    <message>
        <source>%1 was changed by %2%3 after you undid your step. Redoing it would write over their work, so nothing was redone.</source>
        <translation>%1 在您撤销这一步之后已被 %2 修改%3。重做会覆盖对方的工作，因此没有重做。</translation>
    </message>
    <message>
        <source>The neighbouring zone %1 was changed by %2%3 since you read it. Your change was not saved, so that the two cannot leave a gap or an overlap.</source>
        <translation>相邻区域“%1”在您读取之后已被 %2 修改%3。为了避免两边之间出现空隙或重叠，您的修改没有保存。</translation>
    </message>
    <message>
        <source>Your view now shows their change; check it and make yours again if it is still needed.</source>
        <translation>现在显示的是对方的修改；请查看，如仍需要，请重新修改。</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>其他人</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2（%3）</translation>
    </message>
</context>
<context>
    <name>SharedProjects</name>
    <message>
        <source>Cannot open shared project</source>
        <translation>无法打开共享项目</translation>
    </message>
</context>
<context>
    <name>SiteActions</name>
    <message>
        <source>Add &amp;Gate</source>
        <translation>添加出入口(&amp;G)</translation>
    </message>
    <message>
        <source>Add &amp;Checkpoint</source>
        <translation>添加卡点(&amp;C)</translation>
    </message>
    <message>
        <source>Add &amp;Sampling Point</source>
        <translation>添加采样点(&amp;S)</translation>
    </message>
    <message>
        <source>Add Su&amp;pply Point</source>
        <translation>添加物资投放点(&amp;P)</translation>
    </message>
    <message>
        <source>Draw &amp;Route</source>
        <translation>绘制路线(&amp;R)</translation>
    </message>
    <message>
        <source>Draw C&amp;losed Loop</source>
        <translation>绘制闭环路线(&amp;L)</translation>
    </message>
    <message>
        <source>Draw &amp;Isolation Route</source>
        <translation>绘制隔离转运路线(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Move Site Point</source>
        <translation>移动现场点位(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Toggle Gate Open/Closed</source>
        <translation>开放/封闭出入口(&amp;T)</translation>
    </message>
    <message>
        <source>Re&amp;name Site Feature…</source>
        <translation>重命名现场点位…(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Delete Site Feature</source>
        <translation>删除现场点位(&amp;D)</translation>
    </message>
    <message>
        <source>Site &amp;Features</source>
        <translation>现场点位(&amp;F)</translation>
    </message>
    <message>
        <source>Click where the gate is (it snaps to the nearest compound wall); Esc to stop.</source>
        <translation>单击出入口所在位置（自动吸附到最近的小区围墙）；按 Esc 结束。</translation>
    </message>
    <message>
        <source>Click where the checkpoint is; Esc to stop.</source>
        <translation>单击卡点所在位置；按 Esc 结束。</translation>
    </message>
    <message>
        <source>Click where the sampling point is; Esc to stop.</source>
        <translation>单击采样点所在位置；按 Esc 结束。</translation>
    </message>
    <message>
        <source>Click where the supply point is; Esc to stop.</source>
        <translation>单击物资投放点所在位置；按 Esc 结束。</translation>
    </message>
    <message>
        <source>Click the points of the route; double-click or Enter to finish, Backspace takes back the last point, Esc stops.</source>
        <translation>依次单击路线各点；双击或按回车完成，退格键撤回上一点，按 Esc 结束。</translation>
    </message>
    <message>
        <source>Drag a site point to its new place; Esc to stop.</source>
        <translation>将现场点位拖到新位置；按 Esc 结束。</translation>
    </message>
    <message>
        <source>New Route</source>
        <translation>新路线</translation>
    </message>
    <message>
        <source>Name of the route:</source>
        <translation>路线名称：</translation>
    </message>
    <message>
        <source>Select a gate first (on the map)</source>
        <translation>请先在地图上选择一个出入口</translation>
    </message>
    <message>
        <source>%1 is now %2</source>
        <translation>%1 现已%2</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>New name of %1:</source>
        <translation>%1 的新名称：</translation>
    </message>
    <message>
        <source>Deleted %1 and its %2 staff posts (Ctrl+Z brings them back)</source>
        <translation>已删除 %1 及其 %2 个值守岗位（按 Ctrl+Z 可恢复）</translation>
    </message>
    <message>
        <source>Deleted %1 (Ctrl+Z brings it back)</source>
        <translation>已删除 %1（按 Ctrl+Z 可恢复）</translation>
    </message>
</context>
<context>
    <name>SiteFeatures</name>
    <message>
        <source>Gate</source>
        <translation>出入口</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>卡点</translation>
    </message>
    <message>
        <source>Sampling point</source>
        <translation>采样点</translation>
    </message>
    <message>
        <source>Supply point</source>
        <translation>物资投放点</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路线</translation>
    </message>
    <message>
        <source>Closed loop</source>
        <translation>闭环路线</translation>
    </message>
    <message>
        <source>Isolation route</source>
        <translation>隔离转运路线</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>开放</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>封闭</translation>
    </message>
</context>
<context>
    <name>SitePointDialog</name>
    <message>
        <source>New Site Point</source>
        <translation>新建现场点位</translation>
    </message>
    <message>
        <source>Gate is</source>
        <translation>出入口状态</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>A site point needs a name.</source>
        <translation>现场点位需要名称。</translation>
    </message>
</context>
<context>
    <name>SplitTool</name>
    <message>
        <source>the cut lies outside every grid: draw it across the grid to split</source>
        <translation>切线不在任何网格内：请横穿要分割的网格画线</translation>
    </message>
</context>
<context>
    <name>StaffActions</name>
    <message>
        <source>Import Staff &amp;Roster…</source>
        <translation>导入人员分工表(&amp;R)…</translation>
    </message>
    <message>
        <source>Export Staff R&amp;oster…</source>
        <translation>导出人员分工表(&amp;O)…</translation>
    </message>
    <message>
        <source>Export &amp;Coverage Table…</source>
        <translation>导出网格覆盖表(&amp;C)…</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>未执行：%1</translation>
    </message>
    <message>
        <source>Remove Staff</source>
        <translation>移除工作人员</translation>
    </message>
    <message>
        <source>Remove %1 from the roster, with %2 posts and %3 linked households? Undo brings them back.</source>
        <translation>从人员名单中移除%1，连同 %2 项分工和 %3 户联户关系？可撤销恢复。</translation>
    </message>
    <message>
        <source>Assign Staff</source>
        <translation>分配人员</translation>
    </message>
    <message>
        <source>Role at %1:</source>
        <translation>在%1的职责：</translation>
    </message>
    <message>
        <source>Select a zone or a building first (on the map or in the tree)</source>
        <translation>请先选择网格或楼栋（在地图或层级树中）</translation>
    </message>
    <message>
        <source>Assigned %1 as %2 at %3</source>
        <translation>已分配%1为%3的%2</translation>
    </message>
    <message>
        <source>Select rooms on the plan first</source>
        <translation>请先在平面图上选择房间</translation>
    </message>
    <message>
        <source>Link to a Party Member</source>
        <translation>党员联户</translation>
    </message>
    <message>
        <source>The project is open read-only: party members cannot be linked here.</source>
        <translation>项目以只读方式打开：不能在此设置党员联户。</translation>
    </message>
    <message>
        <source>No one on the roster is a party member (联户党员) yet. Add one now?</source>
        <translation>人员名单中还没有联户党员。现在添加吗？</translation>
    </message>
    <message>
        <source>Not done: the rooms or the party member were removed meanwhile</source>
        <translation>未执行：所选房间或该党员已在此期间被删除</translation>
    </message>
    <message>
        <source>Removed the party member of %1 households of %2</source>
        <translation>已解除 %2 %1 户的党员联户</translation>
    </message>
    <message>
        <source>Linked %1 households of %2 to %3; %4 now looks after %5 households</source>
        <translation>已将 %2 %1 户交由 %3 联系；%4现联系 %5 户</translation>
    </message>
    <message>
        <source>Import Staff Roster</source>
        <translation>导入人员分工表</translation>
    </message>
    <message>
        <source>Workbooks (%1)</source>
        <translation>工作簿 (%1)</translation>
    </message>
    <message>
        <source>Person and post</source>
        <translation>人员与分工</translation>
    </message>
    <message>
        <source>Export Staff Roster</source>
        <translation>导出人员分工表</translation>
    </message>
    <message>
        <source>Wrote the staff roster to %1 (internal: staff phones)</source>
        <translation>已将人员分工表写入 %1（内部资料：含工作人员电话）</translation>
    </message>
    <message>
        <source>Export Coverage Table</source>
        <translation>导出网格覆盖表</translation>
    </message>
    <message>
        <source>Wrote the coverage table to %1</source>
        <translation>已将网格覆盖表写入 %1</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>Edit Staff Member</source>
        <translation>修改工作人员</translation>
    </message>
    <message>
        <source>Add Staff Member</source>
        <translation>添加工作人员</translation>
    </message>
    <message>
        <source>Other roles, separated by 、</source>
        <translation>其他职责，用顿号分隔</translation>
    </message>
    <message>
        <source>Phone may be shown on public charts (a grid hotline)</source>
        <translation>电话可在公开图上显示（网格服务电话）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>职责</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>A staff member needs a name.</source>
        <translation>工作人员须填写姓名。</translation>
    </message>
    <message>
        <source>%1 is neither an 11-digit mobile nor a landline with its area code (0371-61234567).</source>
        <translation>%1 既不是 11 位手机号，也不是带区号的固定电话（如 0371-61234567）。</translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message>
        <source>Export Care List…</source>
        <translation>导出关爱对象名单…</translation>
    </message>
    <message>
        <source>Households living alone, empty nesters and the disabled in this zone, as an Excel workbook for internal use</source>
        <translation>本区域的独居、空巢、残疾住户，导出为 Excel 工作簿，仅供内部使用</translation>
    </message>
    <message>
        <source>Export Care List</source>
        <translation>导出关爱对象名单</translation>
    </message>
    <message>
        <source>Wrote %1 households to %2</source>
        <translation>已将 %1 户写入 %2</translation>
    </message>
    <message>
        <source>No households</source>
        <translation>没有住户</translation>
    </message>
    <message>
        <source>%1: %2 households, %3 people</source>
        <translation>%1：%2 户，%3 人</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>%1: case %2</source>
        <translation>%1：案件 %2</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>To</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Nobody holds a post at this case&apos;s grid or community.</source>
        <translation>本案件所在网格和社区没有在岗人员。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Choose the person the case goes to.</source>
        <translation>请选择承办人。</translation>
    </message>
</context>
<context>
    <name>UndoActions</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>撤销 %1</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>重做 %1</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Office planner</source>
        <translation>办公室规划员</translation>
    </message>
    <message>
        <source>Community chief</source>
        <translation>社区书记</translation>
    </message>
    <message>
        <source>Viewer (read only)</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Only the server&apos;s administrator may add or remove people.</source>
        <translation>只有服务器管理员可以添加或删除人员。</translation>
    </message>
    <message>
        <source>Nothing was changed. Open the project as the server&apos;s administrator (the postgres user) to do it, or ask them.</source>
        <translation>未做任何更改。请以服务器管理员身份打开项目后再操作，或请管理员代为操作。</translation>
    </message>
    <message>
        <source>The server refused the change.</source>
        <translation>服务器拒绝了这项更改。</translation>
    </message>
    <message>
        <source>Nothing was changed. The login may already be in use on this server: choose another.</source>
        <translation>未做任何更改。该登录名可能已在此服务器上使用，请另选一个。</translation>
    </message>
    <message>
        <source>The database server cannot be reached.</source>
        <translation>无法连接数据库服务器。</translation>
    </message>
    <message>
        <source>Nothing was changed. Check the network and that the database server is running, then try again.</source>
        <translation>未做任何更改。请检查网络以及数据库服务器是否在运行，然后重试。</translation>
    </message>
    <message>
        <source>The server refused this desk&apos;s user name or password.</source>
        <translation>服务器拒绝了本机使用的用户名或密码。</translation>
    </message>
    <message>
        <source>Nothing was changed. Open the project again, then try again.</source>
        <translation>未做任何更改。请重新打开项目后再试。</translation>
    </message>
    <message>
        <source>This database holds no gridmap project.</source>
        <translation>此数据库中没有 gridmap 项目。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message>
        <source>The people of the project could not be changed.</source>
        <translation>无法更改项目的人员。</translation>
    </message>
    <message>
        <source>Nothing was changed. Try again; if it happens again, ask the server&apos;s administrator.</source>
        <translation>未做任何更改。请重试；如果再次出现，请联系服务器管理员。</translation>
    </message>
    <message>
        <source>People and Rights</source>
        <translation>人员与权限</translation>
    </message>
    <message>
        <source>People who may open the shared project %1:</source>
        <translation>可以打开共享项目 %1 的人员：</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Give a new person a login, a password and a role</source>
        <translation>为新人员设置登录名、密码和角色</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Take the picked person out of the project (their login is dropped)</source>
        <translation>将选中的人员移出项目（其登录名将被删除）</translation>
    </message>
    <message>
        <source>Remove person</source>
        <translation>删除人员</translation>
    </message>
    <message>
        <source>Take %1 out of the project? Their login is dropped from the server: they can no longer open the project.</source>
        <translation>将 %1 移出项目？其登录名将从服务器上删除，此后无法再打开项目。</translation>
    </message>
    <message>
        <source>You cannot remove the login this desk is using.</source>
        <translation>不能删除本机正在使用的登录名。</translation>
    </message>
    <message>
        <source>Nothing was changed. Remove people as the server&apos;s administrator.</source>
        <translation>未做任何更改。请以服务器管理员身份删除人员。</translation>
    </message>
</context>
<context>
    <name>VertexTool</name>
    <message>
        <source>Too many vertices in view to show them: zoom in</source>
        <translation>视野内节点过多，无法显示：请放大</translation>
    </message>
</context>
<context>
    <name>ViewActions</name>
    <message>
        <source>Zoom to &amp;Full Extent</source>
        <translation>缩放到全图(&amp;F)</translation>
    </message>
    <message>
        <source>Zoom to &amp;Selection</source>
        <translation>缩放到所选(&amp;S)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Colour Plan of the Building</source>
        <translation>楼栋九色动态图(&amp;C)</translation>
    </message>
    <message>
        <source>Select a building, or double-click one on the map or in the tree, to open its colour plan</source>
        <translation>请先选择一栋楼，或在地图或树中双击楼栋，以打开其九色动态图</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language is used the next time gridmap starts.</source>
        <translation>新的界面语言将在下次启动 gridmap 时生效。</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Record Visit</source>
        <translation>记录走访</translation>
    </message>
    <message>
        <source>What was found, e.g. 正常</source>
        <translation>走访情况，如 正常</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>走访人员</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>走访情况</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Choose who visited.</source>
        <translation>请选择走访人员。</translation>
    </message>
    <message>
        <source>Tick the households visited.</source>
        <translation>请勾选走访的住户。</translation>
    </message>
</context>
<context>
    <name>Workbooks</name>
    <message>
        <source>Cannot read the roster</source>
        <translation>无法读取名单</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Cannot write the workbook</source>
        <translation>无法写入工作簿</translation>
    </message>
    <message>
        <source>does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <source>Check the name and the folder.</source>
        <translation>请检查文件名和所在文件夹。</translation>
    </message>
    <message>
        <source>is a folder, not a workbook.</source>
        <translation>这是文件夹，不是工作簿。</translation>
    </message>
    <message>
        <source>Choose the workbook inside it.</source>
        <translation>请选择其中的工作簿文件。</translation>
    </message>
    <message>
        <source>no sheet has a header row with the columns {columns}.</source>
        <translation>没有哪个工作表的表头行包含 {columns} 这些列。</translation>
    </message>
    <message>
        <source>Put the column names in one row above the data (see the template).</source>
        <translation>请把列名写在数据上方的同一行（参见模板）。</translation>
    </message>
    <message>
        <source>is protected by a password.</source>
        <translation>工作簿设有密码保护。</translation>
    </message>
    <message>
        <source>Save a copy without the password.</source>
        <translation>请另存一份不带密码的副本。</translation>
    </message>
    <message>
        <source>is not a workbook that can be read ({reason}).</source>
        <translation>不是可以读取的工作簿（{reason}）。</translation>
    </message>
    <message>
        <source>Save it from Excel or WPS as .xlsx, or as .csv.</source>
        <translation>请用 Excel 或 WPS 另存为 .xlsx 或 .csv。</translation>
    </message>
    <message>
        <source>is an Excel binary workbook (.xlsb), which gridmap does not read.</source>
        <translation>这是 Excel 二进制工作簿（.xlsb），gridmap 不能读取。</translation>
    </message>
    <message>
        <source>Save it from Excel or WPS as .xlsx.</source>
        <translation>请用 Excel 或 WPS 另存为 .xlsx。</translation>
    </message>
    <message>
        <source>is neither UTF-8 nor GBK text.</source>
        <translation>既不是 UTF-8 也不是 GBK 编码的文本。</translation>
    </message>
    <message>
        <source>cannot be read as CSV near line {line} ({reason}).</source>
        <translation>第 {line} 行附近无法按 CSV 读取（{reason}）。</translation>
    </message>
    <message>
        <source>A quotation mark may be missing: check that line, or save the roster as .xlsx.</source>
        <translation>可能缺少一个引号：请检查该行，或把名单另存为 .xlsx。</translation>
    </message>
    <message>
        <source>the sheet {sheet} reaches cell {cell}: {rows:,} rows × {columns:,} columns, more than the {most:,} cells a roster may have.</source>
        <translation>工作表“{sheet}”用到了单元格 {cell}：共 {rows:,} 行 × {columns:,} 列，超过名单允许的 {most:,} 个单元格。</translation>
    </message>
    <message>
        <source>Open it in Excel or WPS, press Ctrl+End on that sheet to go to the last used cell, delete the rows and columns beyond the data, save and import again.</source>
        <translation>请用 Excel 或 WPS 打开，在该工作表按 Ctrl+End 定位到最后使用的单元格，删除数据以外的行和列，保存后重新导入。</translation>
    </message>
    <message>
        <source>its sheets together reach {cells:,} cells, more than the {most:,} a roster may have.</source>
        <translation>各工作表合计用到 {cells:,} 个单元格，超过名单允许的 {most:,} 个。</translation>
    </message>
    <message>
        <source>Open it in Excel or WPS and save the roster alone as a new .xlsx.</source>
        <translation>请用 Excel 或 WPS 打开，把名单单独另存为新的 .xlsx 文件。</translation>
    </message>
    <message>
        <source>unpacks to {size:,} MB, more than the {most:,} MB a roster may have: it is damaged or not a roster.</source>
        <translation>解压后有 {size:,} MB，超过名单允许的 {most:,} MB：文件已损坏或不是名单。</translation>
    </message>
    <message>
        <source>says it holds {count:,} different texts, more than the {most:,} a roster may have: it is damaged or not a roster.</source>
        <translation>声称含有 {count:,} 条不同的文字，超过名单允许的 {most:,} 条：文件已损坏或不是名单。</translation>
    </message>
</context>
<context>
    <name>WorkloadPanel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>职责</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>网格数</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Linked households</source>
        <translation>联系户数</translation>
    </message>
    <message>
        <source>Visited</source>
        <translation>已走访户数</translation>
    </message>
    <message>
        <source>Visit coverage</source>
        <translation>走访覆盖率（%）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Grid chief</source>
        <translation>网格长</translation>
    </message>
    <message>
        <source>Grid members</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>With a head</source>
        <translation>有楼栋长</translation>
    </message>
    <message>
        <source>Occupied</source>
        <translation>在住户</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>已联户</translation>
    </message>
    <message>
        <source>Per member</source>
        <translation>每名网格员户数</translation>
    </message>
    <message>
        <source>Households per grid member</source>
        <translation>每名网格员负责户数</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Visit coverage in %1 days (%)</source>
        <translation>近 %1 天走访覆盖率（%）</translation>
    </message>
</context>
<context>
    <name>ZoneActions</name>
    <message>
        <source>&amp;Merge Zone with…</source>
        <translation>合并网格(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Delete Zone…</source>
        <translation>删除网格(&amp;D)…</translation>
    </message>
    <message>
        <source>Move Zone to Another &amp;Parent…</source>
        <translation>调整所属上级(&amp;P)…</translation>
    </message>
    <message>
        <source>Regenerate Zone &amp;Codes</source>
        <translation>重新生成网格编码(&amp;C)</translation>
    </message>
    <message>
        <source>Renumber Zone Codes by &amp;Position</source>
        <translation>按位置重新编号(&amp;P)</translation>
    </message>
    <message>
        <source>Select a zone first (on the map or in the tree)</source>
        <translation>请先选择一个网格（在地图或层级树中）</translation>
    </message>
    <message>
        <source>%1 has no neighbour to do that with</source>
        <translation>%1 没有可以这样操作的相邻网格</translation>
    </message>
    <message>
        <source>Merge %1 with:</source>
        <translation>将%1合并到：</translation>
    </message>
    <message>
        <source>Give the area, buildings and staff posts of %1 to:</source>
        <translation>将%1的范围、楼栋和人员分工交给：</translation>
    </message>
    <message>
        <source>Move %1 to:</source>
        <translation>将%1移到：</translation>
    </message>
    <message>
        <source>Every zone code already follows the scheme</source>
        <translation>所有网格编码均已符合编码规则</translation>
    </message>
</context>
<context>
    <name>ZoneDrawing</name>
    <message>
        <source>the drawn outline crosses itself: click the corners in turn around the zone</source>
        <translation>画出的轮廓自相交：请沿区域边缘依次点击各角点</translation>
    </message>
    <message>
        <source>the drawn outline encloses (almost) no area: click three or more corners apart from each other</source>
        <translation>画出的轮廓（几乎）没有面积：请点击三个或更多彼此分开的角点</translation>
    </message>
    <message>
        <source>the new zone lies wholly on ground {zones} already holds: draw it beside, or at the level below</source>
        <translation>新区域完全落在{zones}已占的范围内：请画在其旁边，或改在下一层级绘制</translation>
    </message>
    <message>
        <source>there are no buildings to take the outline of: import buildings first</source>
        <translation>没有楼栋可取轮廓：请先导入楼栋</translation>
    </message>
    <message>
        <source>there are no buildings or streets to take the extent of: import them first</source>
        <translation>没有楼栋或道路可取范围：请先导入</translation>
    </message>
    <message>
        <source>no building stands in the area to divide: import buildings first</source>
        <translation>要划分的范围内没有楼栋：请先导入楼栋</translation>
    </message>
    <message>
        <source>there is no zone {zone}</source>
        <translation>没有编号为 {zone} 的区域</translation>
    </message>
    <message>
        <source>{zone} is divided already: merge or delete its zones first</source>
        <translation>{zone} 已经划分过：请先合并或删除其下级区域</translation>
    </message>
    <message>
        <source>the chosen streets do not divide {zone}: it stays one piece</source>
        <translation>所选道路未能把{zone}分开，它仍是一整块</translation>
    </message>
    <message>
        <source>no zone of level {upper} lies there to hold a zone of level {level}: draw it inside one</source>
        <translation>此处没有第{upper}级区域来容纳第{level}级区域：请画在某个第{upper}级区域之内</translation>
    </message>
    <message>
        <source>{zone} holds other zones: edit those instead</source>
        <translation>{zone}下还有区域：请改为编辑这些区域</translation>
    </message>
    <message>
        <source>draw the line across {zone} from edge to edge, crossing it once (it makes {count} parts)</source>
        <translation>请从{zone}的一边画到另一边，只穿过一次（现在会分成 {count} 块）</translation>
    </message>
    <message>
        <source>{zone} is a top zone: split the zones under it instead</source>
        <translation>{zone}是最上级区域：请改为拆分其下的区域</translation>
    </message>
    <message>
        <source>choose at least two zones to merge</source>
        <translation>请至少选择两个要合并的区域</translation>
    </message>
    <message>
        <source>only zones of the same parent can be merged</source>
        <translation>只能合并同一上级区域下的区域</translation>
    </message>
    <message>
        <source>{heir} is not a sibling of {zone}: its area can only go to a sibling</source>
        <translation>{heir}与{zone}不属同一上级：范围只能交给同级区域</translation>
    </message>
    <message>
        <source>{zone} is not at the level of {old}</source>
        <translation>{zone}与{old}不在同一级</translation>
    </message>
    <message>
        <source>the new zone would cover all of {zone}; merge instead</source>
        <translation>新区域会完全覆盖{zone}：请改用合并</translation>
    </message>
    <message>
        <source>a boundary needs at least three vertices</source>
        <translation>边界至少需要三个节点</translation>
    </message>
    <message>
        <source>no boundary passes there</source>
        <translation>此处没有边界经过</translation>
    </message>
    <message>
        <source>there is no building {building}</source>
        <translation>没有编号为 {building} 的楼栋</translation>
    </message>
    <message>
        <source>{building} is in no grid; draw one around it first</source>
        <translation>{building}不在任何网格内：请先围绕它画一个网格</translation>
    </message>
    <message>
        <source>that would take every building out of {zone}; merge the grids instead</source>
        <translation>这样会把{zone}的楼栋全部移走：请改为合并网格</translation>
    </message>
    <message>
        <source>{what} is empty</source>
        <translation>{what}为空</translation>
    </message>
    <message>
        <source>{what} is not a valid area ({reason})</source>
        <translation>{what}不是有效的面（{reason}）</translation>
    </message>
    <message>
        <source>{what} has no area</source>
        <translation>{what}没有面积</translation>
    </message>
    <message>
        <source>the shapes cannot be combined ({error}); repair invalid shapes first</source>
        <translation>这些形状无法合并：请先修复无效的形状</translation>
    </message>
    <message>
        <source>this edit would break a rule: {description}</source>
        <translation>会违反规则“{rule}”（{places}）</translation>
    </message>
    <message>
        <source>this edit would break a rule: {description} (and {count} more)</source>
        <translation>会违反规则“{rule}”（{places}），另有 {count} 处</translation>
    </message>
    <message>
        <source>the new shape</source>
        <translation>新形状</translation>
    </message>
    <message>
        <source>{zone} without the overlap</source>
        <translation>去掉重叠部分后的{zone}</translation>
    </message>
    <message>
        <source>{zone} snapped</source>
        <translation>吸附节点后的{zone}</translation>
    </message>
    <message>
        <source>{zone} repaired</source>
        <translation>修复后的{zone}</translation>
    </message>
    <message>
        <source>a proposed grid</source>
        <translation>规划的网格</translation>
    </message>
    <message>
        <source>the new zone outside the existing ones</source>
        <translation>现有区域之外的新区域</translation>
    </message>
    <message>
        <source>the new zone with the zones it holds</source>
        <translation>连同所含区域的新区域</translation>
    </message>
    <message>
        <source>the rest of the new zone</source>
        <translation>新区域的其余部分</translation>
    </message>
    <message>
        <source>a piece of {zone}</source>
        <translation>{zone}的一块</translation>
    </message>
    <message>
        <source>{zone} without {other}</source>
        <translation>去掉{other}后的{zone}</translation>
    </message>
    <message>
        <source>the zone drawn inside {zone}</source>
        <translation>在{zone}内画的区域</translation>
    </message>
    <message>
        <source>{zone} without the new zone</source>
        <translation>去掉新区域后的{zone}</translation>
    </message>
    <message>
        <source>the rest of {zone}</source>
        <translation>{zone}的其余部分</translation>
    </message>
    <message>
        <source>the new outline of {zone}</source>
        <translation>{zone}的新轮廓</translation>
    </message>
    <message>
        <source>{zone} without the buildings</source>
        <translation>移走楼栋后的{zone}</translation>
    </message>
    <message>
        <source>{zone} with the buildings</source>
        <translation>加入楼栋后的{zone}</translation>
    </message>
</context>
<context>
    <name>ZoneLevels</name>
    <message>
        <source>street office</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>micro-grid</source>
        <translation>微网格</translation>
    </message>
</context>
<context>
    <name>ZoneNames</name>
    <message>
        <source>there is no zone {zone}</source>
        <translation>没有区域 {zone}</translation>
    </message>
    <message>
        <source>a zone needs a name</source>
        <translation>区域名称不能为空</translation>
    </message>
    <message>
        <source>a zone name cannot hold a line break, a tab or another control character</source>
        <translation>区域名称不能含换行、制表符或其他控制字符</translation>
    </message>
    <message>
        <source>a zone name cannot hold a character that prints as nothing ({code}, often pasted along with a name): type the name instead</source>
        <translation>区域名称不能含显示不出来的字符（{code}，常随名称一起粘贴进来）：请直接输入名称</translation>
    </message>
    <message>
        <source>a zone name holds at most {most} characters; this one has {length}</source>
        <translation>区域名称最多 {most} 个字，这个名称有 {length} 个字</translation>
    </message>
    <message>
        <source>{parent} already holds a zone named {name}: zones under one parent need different names</source>
        <translation>{parent} 下已有名为“{name}”的区域：同一上级下的区域不能重名</translation>
    </message>
    <message>
        <source>there is already a top zone named {name}</source>
        <translation>已有名为“{name}”的顶级区域</translation>
    </message>
    <message>
        <source>{zone} holds no zones to name</source>
        <translation>{zone} 下没有可命名的区域</translation>
    </message>
    <message>
        <source>{zone} holds {count} zones: more than its {width}-digit serials can number</source>
        <translation>{zone} 下有 {count} 个区域，超出 {width} 位序号能编排的数量</translation>
    </message>
</context>
<context>
    <name>ZoneNaming</name>
    <message>
        <source>Re&amp;name Zone…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <source>Rename the selected zone (F2 in the hierarchy)</source>
        <translation>重命名所选区域（在层级树中按 F2）</translation>
    </message>
    <message>
        <source>Name Grids by &amp;Serial</source>
        <translation>按序号命名网格(&amp;S)</translation>
    </message>
    <message>
        <source>Name the grids of the selected zone 第1网格, 第2网格… in reading order, codes renumbered to match</source>
        <translation>按从北到南、从西到东的顺序，将所选区域的网格命名为第1网格、第2网格……，编码随之重新编号</translation>
    </message>
    <message>
        <source>Not renamed</source>
        <translation>未重命名</translation>
    </message>
    <message>
        <source>Select a zone first (on the map or in the tree)</source>
        <translation>请先在地图或层级树中选择一个区域</translation>
    </message>
    <message>
        <source>%1 holds no grids to name</source>
        <translation>%1 下没有可命名的网格</translation>
    </message>
    <message>
        <source>The grids of %1 already follow their serials</source>
        <translation>%1 的网格名称和编码已与序号一致</translation>
    </message>
    <message>
        <source>The grids of %1 no longer follow their serials.</source>
        <translation>%1 的网格名称、编码与位置顺序已不一致。</translation>
    </message>
    <message>
        <source>The grids of %1 and of %2 more zones no longer follow their serials.</source>
        <translation>%1 及另外 %2 个区域的网格名称、编码与位置顺序已不一致。</translation>
    </message>
    <message>
        <source>Name grids by serial</source>
        <translation>按序号命名网格</translation>
    </message>
    <message>
        <source>Name them %1 in reading order (north to south, west to east), codes renumbered to match? Grids with names of their own keep them. Ctrl+Z takes it back; Edit ▸ Name Grids by Serial does it at any time.</source>
        <translation>是否按从北到南、从西到东的顺序命名为%1，编码随之重新编号？有专门名称的网格（如学校、医院）保留原名。可按 Ctrl+Z 撤销；“编辑 ▸ 按序号命名网格”可随时执行此操作。</translation>
    </message>
    <message>
        <source>Name by Serial</source>
        <translation>按序号命名</translation>
    </message>
    <message>
        <source>Not Now</source>
        <translation>暂不处理</translation>
    </message>
</context>
</TS>
