<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>Commands</name>
    <message>
        <source>Edit household</source>
        <translation>修改住户</translation>
    </message>
    <message>
        <source>Edit households</source>
        <translation>批量修改住户</translation>
    </message>
    <message>
        <source>Change household tags</source>
        <translation>修改住户标记</translation>
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
    <name>HouseholdEditor</name>
    <message>
        <source>Follow up</source>
        <translation>需跟进</translation>
    </message>
    <message>
        <source>Checked today</source>
        <translation>今日已走访</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
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
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Click rooms on the plan (Shift or Ctrl for more)</source>
        <translation>在楼栋图上点击房间（按住 Shift 或 Ctrl 多选）</translation>
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
        <source>Grids (level 3)</source>
        <translation>网格（第 3 级）</translation>
    </message>
    <message>
        <source>Micro-grids (level 4)</source>
        <translation>微网格（第 4 级）</translation>
    </message>
    <message>
        <source>Communities (level 2)</source>
        <translation>社区（第 2 级）</translation>
    </message>
    <message>
        <source>Street office (level 1)</source>
        <translation>街道（第 1 级）</translation>
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
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
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
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
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
        <source>&amp;About gridmap</source>
        <translation>关于 gridmap(&amp;A)</translation>
    </message>
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
        <source>Dra&amp;w a New Grid</source>
        <translation>绘制新网格(&amp;W)</translation>
    </message>
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
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
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
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language is used the next time gridmap starts.</source>
        <translation>新的界面语言将在下次启动 gridmap 时生效。</translation>
    </message>
    <message>
        <source>About gridmap</source>
        <translation>关于 gridmap</translation>
    </message>
    <message>
        <source>&lt;b&gt;gridmap %1&lt;/b&gt;&lt;p&gt;Community grid governance GIS: grids, buildings, households and staff on one map.&lt;/p&gt;</source>
        <translation>&lt;b&gt;gridmap %1&lt;/b&gt;&lt;p&gt;社区网格化治理地理信息系统：网格、楼栋、住户与人员尽在一张图。&lt;/p&gt;</translation>
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
        <source>Building Plan</source>
        <translation>楼栋图</translation>
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
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Drag a vertex; shared boundaries move together. Double-click a boundary to add a vertex, right-click a vertex to delete it.</source>
        <translation>拖动节点，共用边界一起移动。双击边界添加节点，右键点击节点删除。</translation>
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
        <source>Click the corners of the new grid, double-click or press Enter to finish; two points on one boundary follow it.</source>
        <translation>依次点击新网格的各个角点，双击或按回车结束；同一边界上的两点之间沿该边界走。</translation>
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
    <message>
        <source>Not done: it would break a rule: %1 (%2)</source>
        <translation>未执行：会违反规则“%1”（%2）</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>未执行：%1</translation>
    </message>
    <message>
        <source>Painting with %1: click buildings to move them into it</source>
        <translation>正在划入“%1”：点击楼栋即划入该网格</translation>
    </message>
    <message>
        <source>%1: %2 buildings, %3 households</source>
        <translation>%1：%2 栋，%3 户</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已另存为 %1</translation>
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
        <source>{zone} cannot be divided into {grids} grids: the area is in {pieces} separate pieces; {advice}</source>
        <translation>{zone} 无法划分为 {grids} 个网格：该区域分为 {pieces} 块互不相连的部分；{advice}</translation>
    </message>
    <message>
        <source>{zone} has no grids yet</source>
        <translation>{zone} 还没有网格</translation>
    </message>
    <message>
        <source>{zone} or its buildings changed since the plan was made: make it again</source>
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
        <source> grids</source>
        <translation> 个网格</translation>
    </message>
    <message>
        <source> households</source>
        <translation> 户</translation>
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
        <source>Make Plan</source>
        <translation>生成方案</translation>
    </message>
    <message>
        <source>Report on Current Grids</source>
        <translation>评估现有网格</translation>
    </message>
    <message>
        <source>Choose a zone and how to divide it, then Make Plan.</source>
        <translation>选择区域和划分方式，然后点击“生成方案”。</translation>
    </message>
    <message>
        <source>Accept Plan</source>
        <translation>采用方案</translation>
    </message>
    <message>
        <source>Discard Plan</source>
        <translation>放弃方案</translation>
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
        <source>A dedicated grid keeps its boundary unless you untick it</source>
        <translation>专属网格默认保持不变，取消勾选即可重新划分</translation>
    </message>
    <message>
        <source>Making the plan…</source>
        <translation>正在生成方案…</translation>
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
        <source>Cancelled: no plan was made and the project is unchanged.</source>
        <translation>已取消：未生成方案，项目未作改动。</translation>
    </message>
    <message>
        <source>Cannot make the plan: %1</source>
        <translation>无法生成方案：%1</translation>
    </message>
    <message>
        <source>Plan for %1: %2 grids. Look at it on the map, then Accept or Discard.</source>
        <translation>%1的划分方案：%2 个网格。请在地图上查看，然后采用或放弃。</translation>
    </message>
    <message>
        <source>Plan discarded; the project is unchanged.</source>
        <translation>方案已放弃，项目未作改动。</translation>
    </message>
    <message>
        <source>The current grids of %1 (no plan).</source>
        <translation>%1的现有网格（未生成方案）。</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>未采用：%1</translation>
    </message>
    <message>
        <source>%1 now has %2 grids (Ctrl+Z takes the partition back)</source>
        <translation>%1现有 %2 个网格（Ctrl+Z 可撤销本次划分）</translation>
    </message>
    <message>
        <source>The zone changed since the plan was made: make it again.</source>
        <translation>生成方案后该区域已有改动：请重新生成。</translation>
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
        <source>Compounds were kept whole: tick “Allow compounds to be split” to let the plan cut them between buildings</source>
        <translation>小区均保持完整：勾选“允许拆分小区”，方案可在楼栋之间切分小区</translation>
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
        <source>Planned in %1 s</source>
        <translation>用时 %1 秒</translation>
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
    <name>Plan</name>
    <message>
        <source>Floors and rooms beyond sane limits are not drawn ({hidden} households not shown)</source>
        <translation>超出合理范围的楼层和房间未画出（{hidden} 户未显示）</translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
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
        <source>Compound Sheet</source>
        <translation>整院图</translation>
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
        <source>Not done: %1</source>
        <translation>未执行：%1</translation>
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
        <source>Search: grid, 5号楼, 5-2-301, name or phone</source>
        <translation>搜索：网格、5号楼、5-2-301、姓名或电话</translation>
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
    <name>StaffActions</name>
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
        <source>Link to a Party Member</source>
        <translation>党员联户</translation>
    </message>
    <message>
        <source>Party member who looks after these households:</source>
        <translation>联系这些住户的党员：</translation>
    </message>
    <message>
        <source>No one on the roster has the role 联户党员</source>
        <translation>人员名单中没有联户党员</translation>
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
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
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
</context>
</TS>
