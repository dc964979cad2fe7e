<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../screens/attract.py" line="113" />
        <source>Welcome. Touch a service on the screen to begin.</source>
        <translation>欢迎使用。请点击屏幕上的业务开始办理。</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="117" />
        <source>Welcome to the self-service terminal</source>
        <translation>欢迎使用政务服务自助终端</translation>
    </message>
    <message>
        <location filename="../screens/attract.py" line="118" />
        <source>Touch a service below to begin</source>
        <translation>请点击下方业务开始</translation>
    </message>
</context>
<context>
    <name>CallStaffScreen</name>
    <message>
        <location filename="../screens/call_staff.py" line="45" />
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../screens/call_staff.py" line="46" />
        <source>A staff member has been called. Please wait here.</source>
        <translation>已为您呼叫工作人员，请在此稍候。</translation>
    </message>
    <message>
        <location filename="../screens/call_staff.py" line="47" />
        <source>Touch Back to continue what you were doing while you wait.</source>
        <translation>等候期间，可点击“返回”继续刚才的操作。</translation>
    </message>
</context>
<context>
    <name>ComingSoonScreen</name>
    <message>
        <location filename="../screens/coming_soon.py" line="40" />
        <source>Coming to this terminal soon. Until then, please ask at the service counter.</source>
        <translation>本终端即将开通此项服务。在此之前，请到服务窗口咨询办理。</translation>
    </message>
    <message>
        <location filename="../screens/coming_soon.py" line="42" />
        <source>Touch Home to choose another service.</source>
        <translation>点击“首页”可选择其他业务。</translation>
    </message>
</context>
<context>
    <name>Footer</name>
    <message>
        <location filename="../widgets/footer.py" line="44" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="45" />
        <source>Back to the previous screen</source>
        <translation>返回上一页</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="46" />
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="47" />
        <source>Home screen</source>
        <translation>回到首页</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="48" />
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location filename="../widgets/footer.py" line="49" />
        <source>Start over and clear everything</source>
        <translation>重新开始并清除全部信息</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../widgets/header.py" line="95" />
        <source>Switch to English</source>
        <translation>切换为英文</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="95" />
        <source>Switch to Chinese</source>
        <translation>切换为中文</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="97" />
        <location filename="../widgets/header.py" line="98" />
        <source>Large text</source>
        <translation>大字</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="100" />
        <source>Voice off</source>
        <translation>语音已关</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="100" />
        <source>Voice on</source>
        <translation>语音已开</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="102" />
        <source>Mute voice guidance</source>
        <translation>关闭语音引导</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="103" />
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../widgets/header.py" line="104" />
        <source>Call a staff member</source>
        <translation>呼叫工作人员</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message numerus="yes">
        <location filename="../widgets/overlays.py" line="81" />
        <source>%n second(s) left</source>
        <translation>
            <numerusform>剩余 %n 秒</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="89" />
        <source>Are you still there?</source>
        <translation>还在吗？</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="92" />
        <source>When the countdown ends, everything you entered is cleared and the terminal returns to the home screen.</source>
        <translation>倒计时结束后，您填写的全部信息将被清除，终端将回到首页。</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="96" />
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="97" />
        <source>Continue my session</source>
        <translation>继续办理</translation>
    </message>
</context>
<context>
    <name>StartOverOverlay</name>
    <message>
        <location filename="../widgets/overlays.py" line="126" />
        <source>Start over?</source>
        <translation>要重新开始吗？</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="128" />
        <source>Everything you entered will be cleared and the home screen shown.</source>
        <translation>您填写的全部信息将被清除，并回到首页。</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="130" />
        <location filename="../widgets/overlays.py" line="131" />
        <source>Yes, start over</source>
        <translation>是，重新开始</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="132" />
        <source>No, go on</source>
        <translation>否，继续办理</translation>
    </message>
    <message>
        <location filename="../widgets/overlays.py" line="133" />
        <source>No, go on with my session</source>
        <translation>否，继续办理当前业务</translation>
    </message>
</context>
<context>
    <name>Tiles</name>
    <message>
        <location filename="../screens/tiles.py" line="21" />
        <source>Apply</source>
        <translation>办理业务</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="22" />
        <source>Track</source>
        <translation>进度查询</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="23" />
        <source>Guide</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="24" />
        <source>Rate</source>
        <translation>服务评价</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="32" />
        <source>Start an application</source>
        <translation>在线申请办理</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="33" />
        <source>Check the progress of an application</source>
        <translation>查询办件进度</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="34" />
        <source>What you need and how it works</source>
        <translation>所需材料与办理流程</translation>
    </message>
    <message>
        <location filename="../screens/tiles.py" line="35" />
        <source>Tell us how we served you</source>
        <translation>好差评，请您评价</translation>
    </message>
</context>
<context>
    <name>TrackScreen</name>
    <message>
        <location filename="../screens/track.py" line="66" />
        <source>Enter the receipt number or the application number, then touch Query.</source>
        <translation>请输入回执编号或办件编号，然后点击“查询”。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="71" />
        <source>Track an application</source>
        <translation>办件进度查询</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="72" />
        <location filename="../screens/track.py" line="74" />
        <source>Receipt number or application number</source>
        <translation>回执编号或办件编号</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="73" />
        <source>Printed at the top of your receipt</source>
        <translation>印在回执单的顶部</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="75" />
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="76" />
        <source>Query the progress</source>
        <translation>查询办件进度</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="78" />
        <source>You find both numbers on the receipt you received when you applied.</source>
        <translation>两个编号都印在您申请时取得的回执单上。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="109" />
        <source>Please enter the number first.</source>
        <translation>请先输入编号。</translation>
    </message>
    <message>
        <location filename="../screens/track.py" line="111" />
        <source>Tracking is not yet available on this terminal. Please ask at the service counter, where staff can look up your application.</source>
        <translation>本终端暂未开通进度查询。请到服务窗口，由工作人员为您查询办件进度。</translation>
    </message>
</context>
</TS>